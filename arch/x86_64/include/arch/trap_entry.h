/*
 * The part of exception entry both modes share, as an assembler macro:
 * with the vector and error code pushed on top of the CPU's (or Xen's)
 * iret frame, save every register into a struct trap_frame, save the
 * FPU/SSE state, call trap_dispatch, and restore all of it, leaving the
 * stack as it was at the macro's start. The caller then returns its way.
 */
#ifndef ARCH_TRAP_ENTRY_H
#define ARCH_TRAP_ENTRY_H

#ifdef __ASSEMBLY__
.macro TRAP_SAVE_DISPATCH_RESTORE pushq % rax pushq % rbx pushq % rcx pushq %
	rdx pushq % rsi pushq % rdi pushq % rbp pushq % r8 pushq % r9 pushq %
	r10 pushq % r11 pushq % r12 pushq % r13 pushq % r14 pushq % r15 movq %
	rsp,
	%
		rdi
			/*
	 * Save the FPU/SSE state: an upcall can land in the middle of app
	 * code that uses SSE, and handlers may call libc routines (memcpy)
	 * that use it too. fxsave wants 16-byte alignment, as does the C
	 * ABI at the call.
	 */
			movq %
		rsp,
	% rbx andq $ - 16, % rsp subq $512,
	% rsp fxsave64(% rsp) call trap_dispatch fxrstor64(% rsp) movq % rbx,
	% rsp popq % r15 popq % r14 popq % r13 popq % r12 popq % r11 popq
		% r10 popq % r9 popq % r8 popq % rbp popq % rdi popq % rsi popq
		% rdx popq % rcx popq % rbx popq % rax.endm
#endif

#endif
