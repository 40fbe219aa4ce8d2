/*
 * Exception and event entry stubs for PVH, reached through the IDT
 * (pvh/cpu.c). The CPU pushes ss, rsp, rflags, cs, rip and, for some
 * vectors, an error code. Each stub normalises the frame to always carry
 * an error code and the vector, then the shared code saves every register
 * into a struct trap_frame; we return with iretq, which restores
 * RFLAGS.IF and so re-enables events as it returns.
 */
#include "arch/irq.h"
#include "arch/trap_entry.inc"

	.text

.macro TRAP_NOERR name, vector
	.globl \name
\name:
	pushq	$0
	pushq	$\vector
	jmp	pvh_trap_common
.endm

.macro TRAP_ERR name, vector
	.globl \name
\name:
	pushq	$\vector
	jmp	pvh_trap_common
.endm

TRAP_NOERR pvh_trap_divide_error, 0
TRAP_NOERR pvh_trap_debug, 1
TRAP_NOERR pvh_trap_nmi, 2
TRAP_NOERR pvh_trap_int3, 3
TRAP_NOERR pvh_trap_overflow, 4
TRAP_NOERR pvh_trap_bounds, 5
TRAP_NOERR pvh_trap_invalid_op, 6
TRAP_NOERR pvh_trap_device_not_available, 7
TRAP_ERR pvh_trap_double_fault, 8
TRAP_NOERR pvh_trap_coproc_seg_overrun, 9
TRAP_ERR pvh_trap_invalid_tss, 10
TRAP_ERR pvh_trap_segment_not_present, 11
TRAP_ERR pvh_trap_stack_segment, 12
TRAP_ERR pvh_trap_general_protection, 13
TRAP_ERR pvh_trap_page_fault, 14
TRAP_NOERR pvh_trap_coprocessor_error, 16
TRAP_ERR pvh_trap_alignment_check, 17
TRAP_NOERR pvh_trap_machine_check, 18
TRAP_NOERR pvh_trap_simd_error, 19

/* Xen's event callback (HVM_PARAM_CALLBACK_IRQ, vector type). */
TRAP_NOERR pvh_event_callback, ARCH_EVENT_VECTOR

pvh_trap_common:
	TRAP_SAVE_DISPATCH_RESTORE
	addq	$16, %rsp	/* vector and error code */
	iretq

	/* No executable stack (ld warns without this note). */
	.section .note.GNU-stack, "", @progbits
