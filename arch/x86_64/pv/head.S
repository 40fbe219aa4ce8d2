/*
 * PV entry point. Xen starts us in 64-bit ring 3 with %rsi = start_info,
 * on a bootstrap stack inside its initial mapping. We name the PV
 * platform table and go on as both entries do (common/boot.S).
 */
	.section .text.head, "ax"
	.globl _start
_start:
	cld
	leaq	pv_platform(%rip), %rax
	movq	%rsi, %rdi
	jmp	arch_boot64

	/* No executable stack (ld warns without this note). */
	.section .note.GNU-stack, "", @progbits
