/*
 * arch_fault_try(fn, arg, catch): save the callee-saved registers and
 * the return point into *catch, arm it (arch_fault_catch_armed), call
 * fn(arg) and disarm. A fault while armed resumes at our return point
 * with those registers and 1 in rax (arch/x86_64/fault_catch.c).
 * Offsets follow struct arch_fault_catch.
 */
	.text
	.globl	arch_fault_try
arch_fault_try:
	movq	%rbx, 0(%rdx)
	movq	%rbp, 8(%rdx)
	movq	%r12, 16(%rdx)
	movq	%r13, 24(%rdx)
	movq	%r14, 32(%rdx)
	movq	%r15, 40(%rdx)
	leaq	8(%rsp), %rax		/* rsp once we have returned */
	movq	%rax, 48(%rdx)
	movq	(%rsp), %rax		/* our return address */
	movq	%rax, 56(%rdx)
	movq	%rdx, arch_fault_catch_armed(%rip)
	movq	%rdi, %rax
	movq	%rsi, %rdi
	subq	$8, %rsp		/* 16-byte alignment at the call */
	call	*%rax
	addq	$8, %rsp
	movq	$0, arch_fault_catch_armed(%rip)
	xorl	%eax, %eax
	ret

	.section .note.GNU-stack, "", @progbits
