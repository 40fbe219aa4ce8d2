/*
 * CPU exceptions: the saved register frame, the trap table, and a hook
 * through which the kernel decides what a fatal exception does.
 */
#ifndef ARCH_TRAPS_H
#define ARCH_TRAPS_H

#include <stdint.h>

struct trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error_code;
	uint64_t rip, cs, rflags, rsp, ss;
};

typedef void (*trap_fatal_fn)(const struct trap_frame *frame, const char *what,
			      unsigned long fault_addr);

const char *arch_trap_name(unsigned int vector);

typedef void (*print_fn)(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

void arch_dump_registers(const struct trap_frame *frame, print_fn print);

/*
 * Walk saved frame pointers from rbp, printing "#n 0x<return address>".
 * rsp (0 if unknown) lets a frameless leaf's caller be shown as a guess.
 */
void arch_backtrace(unsigned long rip, unsigned long rbp, unsigned long rsp,
		    print_fn print);

static inline unsigned long arch_frame_address(void)
{
	return (unsigned long)__builtin_frame_address(0);
}

#endif
