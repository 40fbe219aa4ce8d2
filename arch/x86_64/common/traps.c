/*
 * Exception decoding, shared by the PV and PVH entry code. Every
 * exception we take is fatal for now (there is no demand paging): it is
 * decoded into a one-line reason and handed to the kernel's fatal hook.
 */
#include <stddef.h>
#include "arch/fault_catch.h"
#include "arch/hypercall.h"
#include "arch/irq.h"
#include "arch/platform.h"
#include "arch/traps.h"

static const char *const trap_names[] = {
	[0] = "divide error",
	[1] = "debug",
	[3] = "breakpoint",
	[4] = "overflow",
	[5] = "bound range exceeded",
	[6] = "invalid opcode",
	[7] = "device not available",
	[9] = "coprocessor segment overrun",
	[10] = "invalid TSS",
	[11] = "segment not present",
	[12] = "stack segment fault",
	[13] = "general protection fault",
	[14] = "page fault",
	[16] = "x87 floating point error",
	[17] = "alignment check",
	[18] = "machine check",
	[19] = "SIMD floating point error",
};

static trap_fatal_fn fatal_hook;

const char *arch_trap_name(unsigned int vector)
{
	if (vector < sizeof(trap_names) / sizeof(trap_names[0]) &&
	    trap_names[vector])
		return trap_names[vector];
	return "unknown exception";
}

void arch_traps_set_fatal(trap_fatal_fn on_fatal)
{
	fatal_hook = on_fatal;
}

/* Called from entry.S with the saved frame. */
void trap_dispatch(struct trap_frame *frame);

void trap_dispatch(struct trap_frame *frame)
{
	static int nesting;

	if (frame->vector == ARCH_EVENT_VECTOR) {
		arch_event_upcall();
		return;
	}
	unsigned long fault_addr = 0;

	if (frame->vector == 14)
		fault_addr = arch_platform->fault_address();
	/* A fault a test expects (arch/fault_catch.h) is not fatal. */
	if (arch_fault_catch(frame, fault_addr))
		return;
	/* A fault while reporting a fault: stop before we recurse. */
	if (nesting++) {
		struct sched_shutdown crash = { .reason = SHUTDOWN_crash };

		hyp_sched_op(SCHEDOP_shutdown, &crash);
	}
	if (fatal_hook)
		fatal_hook(frame, arch_trap_name(frame->vector), fault_addr);
	for (;;)
		hyp_sched_op(SCHEDOP_yield, NULL);
}

void arch_dump_registers(const struct trap_frame *f, print_fn print)
{
	print("RIP: %016lx  RSP: %016lx  RFLAGS: %08lx  ERR: %lx\n",
	      (unsigned long)f->rip, (unsigned long)f->rsp,
	      (unsigned long)f->rflags, (unsigned long)f->error_code);
	print("RAX: %016lx  RBX: %016lx  RCX: %016lx\n", (unsigned long)f->rax,
	      (unsigned long)f->rbx, (unsigned long)f->rcx);
	print("RDX: %016lx  RSI: %016lx  RDI: %016lx\n", (unsigned long)f->rdx,
	      (unsigned long)f->rsi, (unsigned long)f->rdi);
	print("RBP: %016lx  R8:  %016lx  R9:  %016lx\n", (unsigned long)f->rbp,
	      (unsigned long)f->r8, (unsigned long)f->r9);
	print("R10: %016lx  R11: %016lx  R12: %016lx\n", (unsigned long)f->r10,
	      (unsigned long)f->r11, (unsigned long)f->r12);
	print("R13: %016lx  R14: %016lx  R15: %016lx\n", (unsigned long)f->r13,
	      (unsigned long)f->r14, (unsigned long)f->r15);
	/* Xen keeps the saved event mask above bit 32 of the CS slot. */
	print("CS: %04lx  SS: %04lx\n", (unsigned long)(f->cs & 0xffff),
	      (unsigned long)(f->ss & 0xffff));
}
