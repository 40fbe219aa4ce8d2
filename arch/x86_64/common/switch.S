/*
 * Thread context switch. Only callee-saved registers need saving: the
 * switch is an ordinary function call for both threads. A new thread's
 * stack is primed (arch_thread_stack_init) so that the first switch to
 * it "returns" into arch_thread_start with fn in r12 and arg in r13.
 */
	.text

/* void arch_switch(unsigned long *save_sp, unsigned long load_sp) */
	.globl arch_switch
arch_switch:
	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rsp, (%rdi)
	movq	%rsi, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	ret

	.globl arch_thread_start
arch_thread_start:
	movq	%r13, %rdi
	call	*%r12
	ud2	/* fn must not return */

	/* No executable stack (ld warns without this note). */
	.section .note.GNU-stack, "", @progbits
