/* Absolute CLOCK_REALTIME times as monotonic deadlines (see deadline.h). */
#include "kernel/time.h"
#include "lib/libc/deadline.h"

bool libc_timespec_valid(const struct timespec *ts)
{
	return ts->tv_nsec >= 0 && ts->tv_nsec < (long)NSEC_PER_SEC;
}

uint64_t libc_deadline(const struct timespec *abstime)
{
	uint64_t want, now_wall = wallclock_ns(), now = monotonic_ns();

	if (!abstime)
		return 0;
	if (abstime->tv_sec < 0)
		return now ? now : 1;
	want = (uint64_t)abstime->tv_sec * NSEC_PER_SEC +
	       (uint64_t)abstime->tv_nsec;
	return want <= now_wall ? now : now + (want - now_wall);
}
