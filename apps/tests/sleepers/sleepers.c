/*
 * Conformance test for threads and timers: 100 threads each sleep a
 * randomly chosen time. Every thread must wake no earlier than asked,
 * and threads must wake in deadline order. Exits 0 on success, 1 with a
 * reason otherwise. The deadlines are drawn only once every thread exists:
 * making 100 threads can take longer than the lead time (it does in PVH
 * under TCG), and a deadline already past would "wake" in creation order.
 */
#include <petrel/petrel.h>
#include <petrel/thread.h>

#define NR_SLEEPERS 100
#define MAX_SLEEP_NS (300ULL * 1000 * 1000)

struct sleeper {
	uint64_t deadline;
	uint64_t woke;
	int order;
};

static struct sleeper sleepers[NR_SLEEPERS];
static int wake_counter;
static volatile int deadlines_set;

static uint64_t next_random(uint64_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return *state;
}

static void *sleeper_main(void *arg)
{
	struct sleeper *s = arg;

	while (!deadlines_set)
		petrel_thread_yield();
	/* Absolute: a relative sleep would re-read the clock and drift. */
	petrel_sleep_until(s->deadline);
	s->woke = petrel_monotonic_ns();
	s->order = wake_counter++;
	return NULL;
}

static int check(void)
{
	int failures = 0;

	for (int i = 0; i < NR_SLEEPERS; i++) {
		struct sleeper *a = &sleepers[i];

		if (a->woke < a->deadline) {
			petrel_printf(
				"sleeper %d woke %llu ns early\n", i,
				(unsigned long long)(a->deadline - a->woke));
			failures++;
		}
		for (int j = 0; j < NR_SLEEPERS; j++) {
			struct sleeper *b = &sleepers[j];

			if (a->deadline < b->deadline && a->order > b->order) {
				petrel_printf("sleeper %d (deadline %llu) woke "
					      "after %d (deadline %llu)\n",
					      i,
					      (unsigned long long)a->deadline,
					      j,
					      (unsigned long long)b->deadline);
				failures++;
			}
		}
	}
	return failures;
}

int main(void)
{
	petrel_thread_t *threads[NR_SLEEPERS];
	uint64_t seed = petrel_monotonic_ns() | 1;
	uint64_t start, late = 0;
	int failures;

	for (int i = 0; i < NR_SLEEPERS; i++) {
		if (petrel_thread_create(&threads[i], "sleeper", sleeper_main,
					 &sleepers[i]) < 0) {
			petrel_printf("sleepers: thread_create %d failed\n", i);
			return 1;
		}
	}
	start = petrel_monotonic_ns() + 20ULL * 1000 * 1000;
	for (int i = 0; i < NR_SLEEPERS; i++)
		sleepers[i].deadline =
			start + next_random(&seed) % MAX_SLEEP_NS;
	deadlines_set = 1;
	for (int i = 0; i < NR_SLEEPERS; i++)
		petrel_thread_join(threads[i], NULL);
	failures = check();
	for (int i = 0; i < NR_SLEEPERS; i++) {
		uint64_t l = sleepers[i].woke - sleepers[i].deadline;

		late = l > late ? l : late;
	}
	petrel_printf(
		"sleepers: %d threads, %d failures, max lateness %llu us\n",
		NR_SLEEPERS, failures, (unsigned long long)late / 1000);
	return failures ? 1 : 0;
}
