/*
 * Crash reporting. The output format is what the host runner parses:
 * a "CRASH:"/"PANIC:" line, a register dump, then "Backtrace:" with one
 * "#n 0x<address>" line per frame, which the runner symbolizes from the
 * image with addr2line.
 */
#include <stdarg.h>
#include "kernel/console.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/shutdown.h"
#include "arch/setup.h"

static void describe_page_fault(const struct trap_frame *frame,
				unsigned long addr)
{
	uint64_t err = frame->error_code;
	const char *owner = sched_guard_owner(addr);

	if (owner || (arch_is_guard_page(addr) && addr >= 0x1000)) {
		printk("CRASH: stack overflow in thread '%s' (guard page hit "
		       "at 0x%lx)\n",
		       owner ? owner : "main", addr);
		return;
	}
	printk("CRASH: page fault at 0x%lx: %s %s%s\n", addr,
	       err & 16 ? "instruction fetch from" :
	       err & 2	? "write to" :
			  "read from",
	       err & 1 ? "protected page" : "unmapped page",
	       addr < 0x1000 ? " (NULL pointer dereference)" : "");
}

void panic_on_trap(const struct trap_frame *frame, const char *what,
		   unsigned long fault_addr)
{
	console_panic_mode();
	printk("\n");
	if (frame->vector == 14)
		describe_page_fault(frame, fault_addr);
	else
		printk("CRASH: %s (vector %lu)\n", what,
		       (unsigned long)frame->vector);
	arch_dump_registers(frame, printk);
	arch_backtrace(frame->rip, frame->rbp, frame->rsp, printk);
	kernel_crash();
}

void panic(const char *fmt, ...)
{
	va_list ap;

	console_panic_mode();
	printk("\nPANIC: ");
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	printk("\n");
	/* Frame #0 is panic itself; the walk starts at its caller. */
	arch_backtrace((unsigned long)panic,
		       (unsigned long)__builtin_frame_address(0), 0, printk);
	kernel_crash();
}

/* Called by code built with -fstack-protector when a canary is wrong. */
void __stack_chk_fail(void) __attribute__((noreturn));

void __stack_chk_fail(void)
{
	panic("stack protector: stack smashed");
}
