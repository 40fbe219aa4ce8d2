/* Fatal errors: report with a backtrace, then crash the domain. */
#ifndef KERNEL_PANIC_H
#define KERNEL_PANIC_H

#include "arch/traps.h"

void panic(const char *fmt, ...)
	__attribute__((noreturn, format(printf, 1, 2)));

/* The arch trap layer's fatal hook. */
void panic_on_trap(const struct trap_frame *frame, const char *what,
		   unsigned long fault_addr);

#endif
