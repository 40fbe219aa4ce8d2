/*
 * PV entry point. Xen starts us in 64-bit ring 3 with %rsi = start_info,
 * on a bootstrap stack inside its initial mapping. We pick the PV
 * platform table, move to our own stack, seed the stack protector
 * canary, and enter C.
 */
	.section .text.head, "ax"
	.globl _start
_start:
	cld
	leaq	boot_stack_top(%rip), %rsp
	xorl	%ebp, %ebp
	leaq	pv_platform(%rip), %rax
	movq	%rax, arch_platform(%rip)
	call	arch_seed_canary
	movq	%rsi, %rdi
	call	kernel_entry
	ud2

	/* No executable stack (ld warns without this note). */
	.section .note.GNU-stack, "", @progbits
