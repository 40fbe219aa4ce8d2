/*
 * Boot pieces both entry points share: the way into C, the hypercall
 * page, the boot stack (with an unmapped guard page below it), the stack
 * for exceptions in PVH, and the stack protector canary.
 */
#include "arch/layout.h"

	.text
/*
 * Both entry points end here once in 64-bit mode, with %rax = their
 * platform table and %rdi = the boot argument: move to our own stack,
 * seed the canary before any protected C function runs, and enter C.
 */
	.globl arch_boot64
arch_boot64:
	leaq	boot_stack_top(%rip), %rsp
	xorl	%ebp, %ebp
	movq	%rax, arch_platform(%rip)
	movq	%rdi, %r12
	/* The canary: the TSC, mixed, and RDRAND's bits when the CPU has it
	 * (CPUID.1:ECX bit 30). The TSC alone can be guessed to within the
	 * boot's duration. RDRAND may fail for a moment: try it ten times. */
	rdtsc
	shlq	$32, %rdx
	orq	%rdx, %rax
	movabsq	$0x9e3779b97f4a7c15, %rdx
	imulq	%rdx, %rax
	movq	%rax, %r8
	movl	$1, %eax
	xorl	%ecx, %ecx
	cpuid
	btl	$30, %ecx
	jnc	2f
	movl	$10, %ecx
1:	rdrand	%rax
	jc	3f
	decl	%ecx
	jnz	1b
	jmp	2f
3:	xorq	%rax, %r8
2:	movq	%r8, __stack_chk_guard(%rip)
	movq	%r12, %rdi
	call	kernel_entry
	ud2

	/*
	 * Hypercall stubs, 32 bytes each: Xen fills the page from the
	 * HYPERCALL_PAGE note in PV, and when we name it in its MSR in PVH.
	 */
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
	/* PVH takes faults on this stack (IST), so that a fault on a
	 * full stack can still be reported. */
	.globl exception_stack
exception_stack:
	.skip EXCEPTION_STACK_SIZE
	.globl exception_stack_top
exception_stack_top:

	.section .data
	.balign 8
	.globl __stack_chk_guard
__stack_chk_guard:
	.quad 0

	/* No executable stack (ld warns without this note). */
	.section .note.GNU-stack, "", @progbits
