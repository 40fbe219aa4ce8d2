/*
 * sched_op (hypercall 29): Petrel's idle loop blocks and its crash path
 * shuts down through it. Pins (xen/common/sched/core.c, do_sched_op):
 * SCHEDOP_yield succeeds; SCHEDOP_poll with an argument Xen cannot read
 * is -EFAULT; SCHEDOP_shutdown likewise; an unknown command is -ENOSYS.
 */
#include "conformance.h"

PETREL_TEST(sched_op, "sched_op: yield, bad pointers, bad command")
{
	PETREL_CHECK_EQ(HC2(__HYPERVISOR_sched_op, SCHEDOP_yield, 0), 0);
	PETREL_CHECK_EQ(HC2(__HYPERVISOR_sched_op, SCHEDOP_poll, BAD_POINTER),
			-XEN_EFAULT);
	PETREL_CHECK_EQ(HC2(__HYPERVISOR_sched_op, SCHEDOP_shutdown,
			    BAD_POINTER),
			-XEN_EFAULT);
	PETREL_CHECK_EQ(HC2(__HYPERVISOR_sched_op, 0x7fff, 0), -XEN_ENOSYS);
}
