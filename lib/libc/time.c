/* Clocks and sleeping for libc, on the kernel's pvclock and timers. */
#include <errno.h>
#include <stdbool.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "kernel/sched.h"
#include "kernel/time.h"
#include "lib/libc/errno.h"

int gettimeofday(struct timeval *tv, void *tz)
{
	uint64_t ns = wallclock_ns();

	(void)tz;
	if (tv) {
		tv->tv_sec = (time_t)(ns / NSEC_PER_SEC);
		tv->tv_usec = (suseconds_t)(ns % NSEC_PER_SEC / 1000);
	}
	return 0;
}

__typeof__(gettimeofday) _gettimeofday __attribute__((alias("gettimeofday")));

int clock_gettime(clockid_t clock, struct timespec *ts)
{
	uint64_t ns;

	if (clock == CLOCK_REALTIME)
		ns = wallclock_ns();
	else if (clock == CLOCK_MONOTONIC)
		ns = monotonic_ns();
	else if (clock == CLOCK_PROCESS_CPUTIME_ID)
		ns = cpu_time_ns();
	else {
		libc_set_errno(EINVAL);
		return -1;
	}
	ts->tv_sec = (time_t)(ns / NSEC_PER_SEC);
	ts->tv_nsec = (long)(ns % NSEC_PER_SEC);
	return 0;
}

int clock_getres(clockid_t clock, struct timespec *res)
{
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC &&
	    clock != CLOCK_PROCESS_CPUTIME_ID) {
		libc_set_errno(EINVAL);
		return -1;
	}
	if (res) {
		res->tv_sec = 0;
		res->tv_nsec = 1;
	}
	return 0;
}

static bool timespec_valid(const struct timespec *ts)
{
	return ts && ts->tv_sec >= 0 && ts->tv_nsec >= 0 &&
	       ts->tv_nsec < (long)NSEC_PER_SEC;
}

static uint64_t timespec_ns(const struct timespec *ts)
{
	return (uint64_t)ts->tv_sec * NSEC_PER_SEC + (uint64_t)ts->tv_nsec;
}

/*
 * POSIX returns the error here, not -1 with errno. An absolute CLOCK_REALTIME
 * deadline is turned into a monotonic one once: the wall clock only moves with
 * monotonic time in a guest (nothing sets it), so the two agree.
 */
int clock_nanosleep(clockid_t clock, int flags, const struct timespec *req,
		    struct timespec *rem)
{
	uint64_t want, now;

	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC)
		return clock == CLOCK_PROCESS_CPUTIME_ID ? ENOTSUP : EINVAL;
	if (!timespec_valid(req))
		return EINVAL;
	want = timespec_ns(req);
	if (!(flags & TIMER_ABSTIME)) {
		thread_sleep_ns(want);
	} else if (clock == CLOCK_MONOTONIC) {
		thread_sleep_until(want);
	} else {
		now = wallclock_ns();
		if (want > now)
			thread_sleep_ns(want - now);
	}
	if (rem && !(flags & TIMER_ABSTIME))
		rem->tv_sec = rem->tv_nsec = 0;
	return 0;
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	int rc = clock_nanosleep(CLOCK_MONOTONIC, 0, req, rem);

	if (rc) {
		libc_set_errno(rc);
		return -1;
	}
	return 0;
}

unsigned int sleep(unsigned int seconds)
{
	thread_sleep_ns((uint64_t)seconds * NSEC_PER_SEC);
	return 0;
}

int usleep(useconds_t usec)
{
	thread_sleep_ns((uint64_t)usec * 1000);
	return 0;
}
