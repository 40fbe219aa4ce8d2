/*
 * The trap-handler side of expected faults (arch/fault_catch.h): while
 * a catcher is armed, an exception is recorded and "returned" from
 * arch_fault_try with 1, by rewriting the saved frame so the normal
 * trap exit resumes there with the saved callee-saved registers.
 */
#include <stddef.h>
#include "arch/fault_catch.h"

/* Armed by arch_fault_try (fault_catch.S); NULL when none is. */
struct arch_fault_catch *arch_fault_catch_armed;

int arch_fault_catch(struct trap_frame *frame, unsigned long fault_addr)
{
	struct arch_fault_catch *c = arch_fault_catch_armed;

	if (!c)
		return 0;
	/* Disarm first: a fault in what follows must not loop. */
	arch_fault_catch_armed = NULL;
	c->vector = frame->vector;
	c->error_code = frame->error_code;
	c->address = fault_addr;
	c->fault_rip = frame->rip;
	frame->rbx = c->rbx;
	frame->rbp = c->rbp;
	frame->r12 = c->r12;
	frame->r13 = c->r13;
	frame->r14 = c->r14;
	frame->r15 = c->r15;
	frame->rsp = c->rsp;
	frame->rip = c->rip;
	frame->rax = 1;
	return 1;
}
