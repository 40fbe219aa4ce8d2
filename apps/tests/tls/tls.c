/*
 * Thread-local storage: __thread and _Thread_local variables, with and
 * without initial values, have one copy per thread. Each of several
 * pthreads (and main) counts in its own copy across yields; every copy
 * starts from the initial image, and an address taken in one thread
 * stays that thread's. Also runs natively (gcc -pthread) with the same
 * output.
 */
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define THREADS 6
#define ROUNDS 1000

static __thread int counter = 100; /* .tdata */
static _Thread_local long zeroed; /* .tbss */
static __thread char label[32] = "initial";
__thread double aligned_value __attribute__((aligned(64))) = 2.5;

struct result {
	int index;
	int counter;
	long zeroed;
	int label_ok;
	int aligned_ok;
	int address_ok;
};

static void *worker(void *arg)
{
	struct result *r = arg;
	int *mine = &counter;

	r->label_ok = strcmp(label, "initial") == 0 && counter == 100 &&
		      zeroed == 0;
	snprintf(label, sizeof(label), "thread %d", r->index);
	for (int i = 0; i < ROUNDS; i++) {
		counter += r->index;
		zeroed++;
		sched_yield(); /* let the others run with their own copies */
	}
	r->counter = counter;
	r->zeroed = zeroed;
	aligned_value += r->index;
	r->aligned_ok = ((uintptr_t)&aligned_value % 64) == 0 &&
			aligned_value == 2.5 + r->index;
	r->address_ok = mine == &counter &&
			strcmp(label, "thread ") > 0 &&
			label[7] == (char)('0' + r->index);
	return NULL;
}

int main(void)
{
	pthread_t t[THREADS];
	struct result r[THREADS];
	int failures = 0;

	counter = 7;
	snprintf(label, sizeof(label), "main");
	for (int i = 0; i < THREADS; i++) {
		r[i] = (struct result){ .index = i + 1 };
		pthread_create(&t[i], NULL, worker, &r[i]);
	}
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	for (int i = 0; i < THREADS; i++) {
		int want = 100 + ROUNDS * r[i].index;
		int ok = r[i].counter == want && r[i].zeroed == ROUNDS &&
			 r[i].label_ok && r[i].aligned_ok && r[i].address_ok;

		printf("tls: thread %d counter %d zeroed %ld %s\n", r[i].index,
		       r[i].counter, r[i].zeroed, ok ? "ok" : "WRONG");
		failures += !ok;
	}
	printf("tls: main counter %d label %s\n", counter, label);
	failures += counter != 7 || strcmp(label, "main") != 0;
	printf("tls: %d failures\n", failures);
	return failures != 0;
}
