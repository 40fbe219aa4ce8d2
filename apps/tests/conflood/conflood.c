/*
 * Test app: a write far larger than the console ring (2 KiB) waits for
 * dom0 to drain it by sleeping, not spinning: another thread runs while
 * the writer waits, and every line still arrives, in order.
 */
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define LINES 512
#define LINE_LEN 64

static volatile unsigned long ticks;
static volatile int stop;
static char flood[LINES * LINE_LEN + 1]; /* + snprintf's last NUL */

static void *ticker(void *arg)
{
	(void)arg;
	while (!stop) {
		ticks++;
		sched_yield();
	}
	return NULL;
}

int main(void)
{
	unsigned long before, during;
	pthread_t t;

	for (int i = 0; i < LINES; i++)
		snprintf(flood + i * LINE_LEN, LINE_LEN + 1,
			 "flood %04d %0*d\n", i, LINE_LEN - 12, 0);
	if (pthread_create(&t, NULL, ticker, NULL))
		return 1;
	sched_yield();
	before = ticks;
	/* One write: the whole flood goes to the console in one call. */
	if (write(1, flood, LINES * LINE_LEN) != LINES * LINE_LEN)
		return 1;
	during = ticks - before;
	stop = 1;
	pthread_join(t, NULL);
	printf("conflood: the other thread ran %lu times during the write\n",
	       during);
	return 0;
}
