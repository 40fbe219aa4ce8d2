/* Per-thread CPU state: new stacks primed for arch_switch (see switch.S),
 * and the FS base. */
#include <stdint.h>
#include "arch/hypercall.h"
#include "arch/mm.h"
#include "arch/thread.h"
#include "kernel/lib/errno.h"

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

int arch_remap_page(unsigned long va)
{
	return arch_map_mfn(va, arch_virt_to_gfn((const void *)va));
}

/* PV guests cannot write the FS base MSR; Xen does it for them. */
int arch_set_tls_base(unsigned long base)
{
	return xen_errno(hyp_set_segment_base(SEGBASE_FS, base));
}
