/*
 * Real stacks: main and a pthread each use a 1 MiB local array (main's
 * stack is set to 2 MiB with PETREL_MAIN_STACK by the test; the thread
 * asks for 2 MiB with pthread_attr_setstacksize). A checksum over the
 * arrays proves every byte was written and read back.
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define FRAME (1 << 20)

static uint32_t fill_and_sum(unsigned int seed)
{
	volatile unsigned char frame[FRAME];
	uint32_t hash = 2166136261u; /* FNV-1a */

	for (size_t i = 0; i < FRAME; i++)
		frame[i] = (unsigned char)(i * seed + (i >> 12));
	for (size_t i = 0; i < FRAME; i++)
		hash = (hash ^ frame[i]) * 16777619u;
	return hash;
}

static void *thread_main(void *arg)
{
	*(uint32_t *)arg = fill_and_sum(7);
	return NULL;
}

int main(void)
{
	pthread_attr_t attr;
	pthread_t t;
	uint32_t thread_sum = 0;
	size_t size = 0;
	int rc;

	printf("stacks: main frame sum %08x\n", (unsigned int)fill_and_sum(3));
	pthread_attr_init(&attr);
	pthread_attr_getstacksize(&attr, &size);
	printf("stacks: default thread stack %s\n",
	       size >= 128 * 1024 ? "at least 128 KiB" : "too small");
	printf("stacks: setstacksize(1) = %s\n",
	       pthread_attr_setstacksize(&attr, 1) == EINVAL ? "EINVAL" :
							      "accepted");
	rc = pthread_attr_setstacksize(&attr, 2 * FRAME);
	printf("stacks: setstacksize(2 MiB) = %d\n", rc);
	rc = pthread_create(&t, &attr, thread_main, &thread_sum);
	printf("stacks: create with 2 MiB = %d\n", rc);
	if (rc == 0)
		pthread_join(t, NULL);
	printf("stacks: thread frame sum %08x\n", (unsigned int)thread_sum);
	pthread_attr_setstacksize(&attr, (size_t)1 << 30);
	rc = pthread_create(&t, &attr, thread_main, &thread_sum);
	printf("stacks: create with 1 GiB = %s\n",
	       rc == EAGAIN ? "EAGAIN" : "unexpected");
	return 0;
}
