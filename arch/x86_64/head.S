/*
 * PV entry point. Xen starts us in 64-bit ring 3 with %rsi = start_info,
 * on a bootstrap stack inside its initial mapping. We move to our own
 * stack (with an unmapped guard page below it), seed the stack
 * protector canary, and enter C.
 */
#include "arch/layout.h"

	.section .text.head, "ax"
	.globl _start
_start:
	cld
	leaq	boot_stack_top(%rip), %rsp
	xorl	%ebp, %ebp

	/* Seed the canary before any protected C function runs. */
	rdtsc
	shlq	$32, %rdx
	orq	%rdx, %rax
	movabsq	$0x9e3779b97f4a7c15, %rdx
	imulq	%rdx, %rax
	movq	%rax, __stack_chk_guard(%rip)

	movq	%rsi, %rdi
	call	kernel_entry
	ud2

	/* Xen fills this page with hypercall stubs, 32 bytes each. */
	.section .text.hypercall_page, "ax"
	.balign PAGE_SIZE
	.globl hypercall_page
hypercall_page:
	.fill PAGE_SIZE, 1, 0xcc

	.section .bss.stack, "aw", @nobits
	.balign PAGE_SIZE
	.globl boot_stack_guard
boot_stack_guard:
	.skip PAGE_SIZE
	.globl boot_stack
boot_stack:
	.skip BOOT_STACK_SIZE
	.globl boot_stack_top
boot_stack_top:

	.section .data
	.balign 8
	.globl __stack_chk_guard
__stack_chk_guard:
	.quad 0

	/* No executable stack (ld warns without this note). */
	.section .note.GNU-stack, "", @progbits
