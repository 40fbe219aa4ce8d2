/*
 * Test app: "tick N" every half second for COUNT ticks (argv[1]), then exit with
 * status 42. The ticks make a run's progress visible across a save and restore
 * (none lost or repeated), and the status shows the runner followed the guest to
 * its new domain to the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static void sleep_until(struct timespec *deadline)
{
	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, deadline, NULL))
		;
}

int main(int argc, char **argv)
{
	int count = argc > 1 ? atoi(argv[1]) : 10;
	struct timespec next;

	clock_gettime(CLOCK_MONOTONIC, &next);
	for (int i = 1; i <= count; i++) {
		next.tv_nsec += 500000000;
		if (next.tv_nsec >= 1000000000) {
			next.tv_nsec -= 1000000000;
			next.tv_sec++;
		}
		sleep_until(&next);
		printf("ticker: tick %d\n", i);
		fflush(stdout);
	}
	return 42;
}
