/*
 * The PV trap table: Xen bounces exceptions to these entry stubs
 * (pv/entry.S) and reads the page-fault address into vcpu_info for us.
 */
#include <stddef.h>
#include "arch/hypercall.h"
#include "arch/irq.h"
#include "kernel/lib/errno.h"
#include "pv.h"

void trap_divide_error(void), trap_debug(void), trap_int3(void),
	trap_overflow(void), trap_bounds(void), trap_invalid_op(void),
	trap_device_not_available(void), trap_coproc_seg_overrun(void),
	trap_invalid_tss(void), trap_segment_not_present(void),
	trap_stack_segment(void), trap_general_protection(void),
	trap_page_fault(void), trap_coprocessor_error(void),
	trap_alignment_check(void), trap_machine_check(void),
	trap_simd_error(void);

#define TRAP(vec, dpl, fn)                                         \
	{                                                          \
		.vector = vec, .flags = dpl, .cs = FLAT_KERNEL_CS, \
		.address = (unsigned long)fn                       \
	}

static const struct trap_info trap_table[] = {
	TRAP(0, 0, trap_divide_error),
	TRAP(1, 0, trap_debug),
	TRAP(3, 3, trap_int3),
	TRAP(4, 3, trap_overflow),
	TRAP(5, 3, trap_bounds),
	TRAP(6, 0, trap_invalid_op),
	TRAP(7, 0, trap_device_not_available),
	TRAP(9, 0, trap_coproc_seg_overrun),
	TRAP(10, 0, trap_invalid_tss),
	TRAP(11, 0, trap_segment_not_present),
	TRAP(12, 0, trap_stack_segment),
	TRAP(13, 0, trap_general_protection),
	TRAP(14, 0, trap_page_fault),
	TRAP(16, 0, trap_coprocessor_error),
	TRAP(17, 0, trap_alignment_check),
	TRAP(18, 0, trap_machine_check),
	TRAP(19, 0, trap_simd_error),
	{ 0 },
};

int pv_traps_init(void)
{
	return xen_errno(hyp_set_trap_table(trap_table));
}

/* PV guests read CR2 from vcpu_info, where Xen saves it. */
unsigned long pv_fault_address(void)
{
	return arch_vcpu ? arch_vcpu->arch.cr2 : 0;
}
