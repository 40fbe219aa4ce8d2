/* New thread stacks, primed for arch_switch (see switch.S). */
#include <stdint.h>
#include "arch/thread.h"

void arch_thread_start(void);

unsigned long arch_thread_stack_init(void *top, void (*fn)(void *), void *arg)
{
	uint64_t *sp = (uint64_t *)top;

	/* A zero "return address" and frame pointer end backtraces here;
	 * the layout leaves rsp 16-byte aligned at arch_thread_start. */
	*--sp = 0;
	*--sp = 0;
	*--sp = (uint64_t)arch_thread_start;
	*--sp = 0; /* rbp */
	*--sp = 0; /* rbx */
	*--sp = (uint64_t)fn; /* r12 */
	*--sp = (uint64_t)arg; /* r13 */
	*--sp = 0; /* r14 */
	*--sp = 0; /* r15 */
	return (unsigned long)sp;
}
