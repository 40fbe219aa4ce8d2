/* Clocks and sleeping for libc, on the kernel's pvclock and timers. */
#include <errno.h>
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

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	if (!req || req->tv_nsec < 0 || req->tv_nsec >= (long)NSEC_PER_SEC ||
	    req->tv_sec < 0) {
		libc_set_errno(EINVAL);
		return -1;
	}
	thread_sleep_ns((uint64_t)req->tv_sec * NSEC_PER_SEC +
			(uint64_t)req->tv_nsec);
	if (rem)
		rem->tv_sec = rem->tv_nsec = 0;
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
