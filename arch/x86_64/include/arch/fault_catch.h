/*
 * Expected faults: run a function with a catcher armed, so that a CPU
 * exception inside it is recorded and control comes back to the caller
 * instead of ending in the crash report. Conformance tests use it to
 * check that a forbidden access really faults (W^X, guard pages).
 * One catcher at a time (one vCPU); the function must not block, since
 * another thread would run with the catcher still armed.
 */
#ifndef ARCH_FAULT_CATCH_H
#define ARCH_FAULT_CATCH_H

#include "arch/traps.h"

struct arch_fault_catch {
	/* Where arch_fault_try returns to after a fault (filled by it). */
	unsigned long rbx, rbp, r12, r13, r14, r15, rsp, rip;
	/* What the fault was (filled by arch_fault_catch). */
	unsigned long vector, error_code, address, fault_rip;
};

/*
 * Call fn(arg) with c armed. Returns 0 when fn returned normally, 1
 * when it faulted (then c says how; fn's frames are abandoned).
 */
int arch_fault_try(void (*fn)(void *), void *arg, struct arch_fault_catch *c);

/*
 * For the trap handler: if a catcher is armed, record the fault, point
 * the frame at the catcher's resume point and return 1 (the trap path
 * then returns there); otherwise 0.
 */
int arch_fault_catch(struct trap_frame *frame, unsigned long fault_addr);

#endif
