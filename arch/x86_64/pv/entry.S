#include <xen/xen.h>
#include "arch/irq.h"
#include "arch/trap_entry.inc"

/*
 * Exception and event-upcall entry stubs for PV. Xen bounces an
 * exception onto our stack as: rcx, r11, [error code], rip, cs, rflags,
 * rsp, ss. Each stub restores rcx/r11, normalises the frame to always
 * carry an error code and the vector, then saves every register into a
 * struct trap_frame.
 */
	.text

.macro TRAP_NOERR name, vector
	.globl \name
\name:
	movq	(%rsp), %rcx
	movq	8(%rsp), %r11
	addq	$16, %rsp
	pushq	$0
	pushq	$\vector
	jmp	trap_common
.endm

.macro TRAP_ERR name, vector
	.globl \name
\name:
	movq	(%rsp), %rcx
	movq	8(%rsp), %r11
	addq	$16, %rsp
	pushq	$\vector
	jmp	trap_common
.endm

TRAP_NOERR trap_divide_error, 0
TRAP_NOERR trap_debug, 1
TRAP_NOERR trap_int3, 3
TRAP_NOERR trap_overflow, 4
TRAP_NOERR trap_bounds, 5
TRAP_NOERR trap_invalid_op, 6
TRAP_NOERR trap_device_not_available, 7
TRAP_NOERR trap_coproc_seg_overrun, 9
TRAP_ERR trap_invalid_tss, 10
TRAP_ERR trap_segment_not_present, 11
TRAP_ERR trap_stack_segment, 12
TRAP_ERR trap_general_protection, 13
TRAP_ERR trap_page_fault, 14
TRAP_NOERR trap_coprocessor_error, 16
TRAP_ERR trap_alignment_check, 17
TRAP_NOERR trap_machine_check, 18
TRAP_NOERR trap_simd_error, 19

/* Xen's event upcall (registered with CALLBACKOP_register, events masked
 * on entry): same frame shape as an exception without an error code. */
TRAP_NOERR hypervisor_callback, ARCH_EVENT_VECTOR

trap_common:
	TRAP_SAVE_DISPATCH_RESTORE
	addq	$16, %rsp	/* vector and error code */
	/*
	 * Return through the iret hypercall: Xen restores the event mask
	 * from the saved RFLAGS.IF atomically with the return, so an event
	 * arriving meanwhile is neither lost nor nested on this frame.
	 * Its frame is rax, r11, rcx, flags, then the iret frame; the
	 * stub Xen wrote pushes rcx, r11 and rax itself, so we add only
	 * flags (0: not returning from a syscall).
	 */
	pushq	$0
	jmp	hypercall_page + (__HYPERVISOR_iret * 32)

	/* No executable stack (ld warns without this note). */
	.section .note.GNU-stack, "", @progbits
