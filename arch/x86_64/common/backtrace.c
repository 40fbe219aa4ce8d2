/*
 * Frame-pointer backtrace. The image is built with frame pointers, so
 * each frame starts with (saved rbp, return address). The chain comes
 * from a possibly corrupt stack: every step is bounds-checked and must
 * move up the stack.
 */
#include "arch/layout.h"
#include "arch/platform.h"
#include "arch/traps.h"

#define BACKTRACE_MAX 32

extern char boot_stack_guard[];

static int frame_readable(unsigned long fp)
{
	unsigned long limit = arch_mem_end;
	unsigned long guard = (unsigned long)boot_stack_guard;

	if (fp & 7 || fp < KERNEL_START || fp + 16 > limit)
		return 0;
	return fp + 16 <= guard || fp >= guard + PAGE_SIZE;
}

extern char _text[], _etext[];

static int is_text(unsigned long addr)
{
	return addr >= (unsigned long)_text && addr < (unsigned long)_etext;
}

void arch_backtrace(unsigned long rip, unsigned long rbp, unsigned long rsp,
		    print_fn print)
{
	unsigned long fp = rbp;
	int depth = 0;

	print("Backtrace:\n");
	print("  #%d 0x%016lx\n", depth++, rip);
	/*
	 * gcc gives leaf functions no frame, so the faulting function's
	 * caller may be missing from the rbp chain. If the word on top of
	 * the stack is a text address, show it, marked "?" as a guess.
	 */
	if (rsp && rsp < rbp && frame_readable(rsp & ~7UL) &&
	    is_text(*(const unsigned long *)rsp))
		print("  #%d 0x%016lx ?\n", depth++,
		      *(const unsigned long *)rsp);
	while (depth < BACKTRACE_MAX && frame_readable(fp)) {
		const unsigned long *frame = (const unsigned long *)fp;
		unsigned long ret = frame[1];

		if (!ret)
			break;
		print("  #%d 0x%016lx\n", depth++, ret);
		if (frame[0] <= fp)
			break;
		fp = frame[0];
	}
}
