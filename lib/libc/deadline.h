/*
 * POSIX timed waits take an absolute CLOCK_REALTIME time; the kernel's
 * waits take an absolute monotonic deadline (0: none). One conversion
 * for all of them (condition variables, semaphores, rwlocks).
 */
#ifndef LIB_LIBC_DEADLINE_H
#define LIB_LIBC_DEADLINE_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

/* Whether tv_nsec is in [0, 1e9), as every timed wait checks. */
bool libc_timespec_valid(const struct timespec *ts);

/* The monotonic deadline for abstime: never 0, and already passed when
 * abstime is. NULL means no deadline, 0. */
uint64_t libc_deadline(const struct timespec *abstime);

#endif
