/*
 * Time: Xen system time (monotonic ns since the domain's clock started,
 * from the pvclock record), wall-clock time, and the one-shot hardware
 * timer the scheduler programs for the earliest deadline.
 */
#ifndef KERNEL_TIME_H
#define KERNEL_TIME_H

#include <stdint.h>

#define NSEC_PER_USEC 1000ULL
#define NSEC_PER_MSEC 1000000ULL
#define NSEC_PER_SEC 1000000000ULL

/* Stop Xen's periodic tick and bind VIRQ_TIMER to on_timer. */
int time_init(void (*on_timer)(void));
/* In a new domain after a restore (events masked): bind the timer again. */
int time_resume(void);

uint64_t monotonic_ns(void);

/* Nanoseconds since the Unix epoch. */
uint64_t wallclock_ns(void);

/* Nanoseconds this domain's vcpu has spent running (Xen's runstate). */
uint64_t cpu_time_ns(void);

/* Arm the one-shot timer for an absolute monotonic time (no hypercall
 * when it is armed for that time already). */
int time_set_timer(uint64_t deadline_ns);

#endif
