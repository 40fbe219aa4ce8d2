/*
 * sysconf: Linux's answers where Petrel has the same limit, Petrel's own
 * where it differs (one CPU, the fd table's size, the domain's memory).
 * A name sysconf knows but Petrel lacks (tracing, say) is -1 with errno
 * untouched, as POSIX asks; an unknown name is -1 with EINVAL.
 */
#include <errno.h>
#include <limits.h>
#include <semaphore.h>
#include <unistd.h>
#include "arch/layout.h"
#include "kernel/mm/mm.h"
#include "lib/libc/errno.h"
#include "lib/libc/fd.h"

#define POSIX_2008 200809L
/* Internal answers: -1 without EINVAL, and -1 with it. */
#define NOT_SUPPORTED (-2)
#define UNKNOWN_NAME (-3)

static long memory_value(int name)
{
	switch (name) {
	case _SC_PAGESIZE:
		return PAGE_SIZE;
	case _SC_PHYS_PAGES:
		return (long)mm_total_pages();
	case _SC_AVPHYS_PAGES:
		return (long)mm_free_pages();
	}
	return UNKNOWN_NAME;
}

/* Limits with Linux's (glibc's) values. */
static long limit_value(int name)
{
	switch (name) {
	case _SC_CLK_TCK:
		return 100; /* times() counts in these ticks */
	case _SC_NPROCESSORS_CONF:
	case _SC_NPROCESSORS_ONLN:
		return 1; /* the kernel runs on one vcpu */
	case _SC_OPEN_MAX:
		return FD_MAX;
	case _SC_HOST_NAME_MAX:
		return 64;
	case _SC_LOGIN_NAME_MAX:
		return 256;
	case _SC_NGROUPS_MAX:
		return 65536;
	case _SC_LINE_MAX:
		return 2048;
	case _SC_IOV_MAX:
		return 1024;
	case _SC_SEM_VALUE_MAX:
		return SEM_VALUE_MAX;
	case _SC_ARG_MAX:
		return 131072;
	case _SC_CHILD_MAX:
		return 1; /* this program; fork fails */
	case _SC_STREAM_MAX:
		return 16;
	case _SC_TTY_NAME_MAX:
		return 32;
	case _SC_GETPW_R_SIZE_MAX:
	case _SC_GETGR_R_SIZE_MAX:
		return 1024;
	case _SC_THREAD_STACK_MIN:
		return 16384;
	case _SC_THREAD_KEYS_MAX:
		return 64;
	case _SC_ATEXIT_MAX:
		return INT_MAX;
	case _SC_SYMLOOP_MAX:
		return NOT_SUPPORTED;
	}
	return memory_value(name);
}

/* POSIX options Petrel implements, at the 2008 revision. */
static long option_value(int name)
{
	switch (name) {
	case _SC_VERSION:
	case _SC_THREADS:
	case _SC_THREAD_SAFE_FUNCTIONS:
	case _SC_SEMAPHORES:
	case _SC_READER_WRITER_LOCKS:
	case _SC_BARRIERS:
	case _SC_SPIN_LOCKS:
	case _SC_TIMEOUTS:
	case _SC_TIMERS:
	case _SC_MONOTONIC_CLOCK:
	case _SC_CPUTIME:
	case _SC_MAPPED_FILES:
		return POSIX_2008;
	/* Known to POSIX, not offered by Petrel. */
	case _SC_ASYNCHRONOUS_IO:
	case _SC_MESSAGE_PASSING:
	case _SC_SHARED_MEMORY_OBJECTS:
	case _SC_SPAWN:
	case _SC_TRACE:
	case _SC_TRACE_EVENT_FILTER:
	case _SC_TRACE_INHERIT:
	case _SC_TRACE_LOG:
	case _SC_TYPED_MEMORY_OBJECTS:
	case _SC_SPORADIC_SERVER:
	case _SC_THREAD_SPORADIC_SERVER:
	case _SC_THREAD_CPUTIME:
	case _SC_THREAD_PROCESS_SHARED:
	case _SC_THREAD_PRIO_INHERIT:
	case _SC_THREAD_PRIO_PROTECT:
	case _SC_THREAD_PRIORITY_SCHEDULING:
	case _SC_PRIORITY_SCHEDULING:
	case _SC_REALTIME_SIGNALS:
	case _SC_IPV6:
	case _SC_RAW_SOCKETS:
	case _SC_SHELL:
	case _SC_JOB_CONTROL:
		return NOT_SUPPORTED;
	}
	return limit_value(name);
}

long sysconf(int name)
{
	long value = option_value(name);

	if (value == NOT_SUPPORTED)
		return -1;
	if (value == UNKNOWN_NAME) {
		libc_set_errno(EINVAL);
		return -1;
	}
	return value;
}

int getpagesize(void)
{
	return PAGE_SIZE;
}
