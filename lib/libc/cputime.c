/*
 * CPU time: clock(), times() and the CPU-time clock ids, from the time
 * Xen says this domain's vcpu has spent running. It is all "user" time:
 * a unikernel has no separate system time to report.
 */
#include <errno.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>
#include "kernel/time.h"
#include "lib/libc/errno.h"

#define CLK_TCK_HZ 100 /* sysconf(_SC_CLK_TCK), as on Linux */

clock_t clock(void)
{
	return (clock_t)(cpu_time_ns() / (NSEC_PER_SEC / CLOCKS_PER_SEC));
}

/* Elapsed ticks since boot, as Linux counts them from its own boot. */
clock_t times(struct tms *buf)
{
	uint64_t tick_ns = NSEC_PER_SEC / CLK_TCK_HZ;

	if (buf) {
		buf->tms_utime = (clock_t)(cpu_time_ns() / tick_ns);
		buf->tms_stime = 0;
		buf->tms_cutime = 0;
		buf->tms_cstime = 0;
	}
	return (clock_t)(monotonic_ns() / tick_ns);
}

/* Our own process (pid 0 or ours) has a CPU-time clock; others do not
 * exist. */
int clock_getcpuclockid(pid_t pid, clockid_t *clock)
{
	if (pid && pid != getpid())
		return ESRCH;
	*clock = CLOCK_PROCESS_CPUTIME_ID;
	return 0;
}

__typeof__(times) _times __attribute__((alias("times")));
