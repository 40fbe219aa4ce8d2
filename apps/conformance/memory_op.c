/*
 * memory_op (hypercall 12): Petrel's memory size and ballooning facts
 * come from it. Pins: XENMEM_current_reservation of DOMID_SELF is the
 * domain's page count (what petrel_memory_bytes reports, give or take
 * the pages Xen keeps for itself); a domid argument Xen cannot read is
 * -EFAULT; a domain that does not exist is -ESRCH; another domain's
 * reservation is -EPERM for a domU (XSM_TARGET in
 * xen/common/memory.c); an unknown command is -ENOSYS.
 */
#include <petrel/petrel.h>
#include "conformance.h"

PETREL_TEST(memory_op, "memory_op: current_reservation, bad pointer, "
		       "no such domain, other domain, bad command")
{
	domid_t self = DOMID_SELF, nobody = NO_SUCH_DOMID, dom0 = 0;
	long pages =
		HC2(__HYPERVISOR_memory_op, XENMEM_current_reservation, &self);
	long have = (long)(petrel_memory_bytes() >> 12);

	petrel_test_note("current_reservation %ld pages, kernel sees %ld",
			 pages, have);
	PETREL_CHECK(pages > 0);
	PETREL_CHECK(pages >= have && pages <= have + 256);
	PETREL_CHECK(HC2(__HYPERVISOR_memory_op, XENMEM_maximum_reservation,
			 &self) >= pages);
	PETREL_CHECK_EQ(HC2(__HYPERVISOR_memory_op, XENMEM_current_reservation,
			    BAD_POINTER),
			-XEN_EFAULT);
	PETREL_CHECK_EQ(HC2(__HYPERVISOR_memory_op, XENMEM_current_reservation,
			    &nobody),
			-XEN_ESRCH);
	PETREL_CHECK_EQ(HC2(__HYPERVISOR_memory_op, XENMEM_current_reservation,
			    &dom0),
			-XEN_EPERM);
	PETREL_CHECK_EQ(HC2(__HYPERVISOR_memory_op, 0x3f, 0), -XEN_ENOSYS);
}
