/*
 * callback_op (hypercall 30): a PV kernel registers its event upcall
 * and failsafe callback with CALLBACKOP_register (Petrel's arch setup
 * does). Pins the refusals that leave the registered callbacks alone
 * (xen/arch/x86/pv/callback.c, Xen 4.17): an argument Xen cannot read
 * is -EFAULT, an unknown callback type -ENOSYS (the default case of
 * register_guest_callback), an unknown command -ENOSYS. PV only: an
 * HVM/PVH guest has no PV callbacks.
 */
#include <string.h>
#include "conformance.h"

PETREL_TEST(callback_op, "callback_op: bad pointer, unknown type and "
			 "command")
{
	struct callback_register reg = { .type = 99 };

	if (!petrel_test_is_pv()) {
		petrel_test_skip("PV callbacks exist only in PV");
		return;
	}
	PETREL_CHECK_EQ(HC2(__HYPERVISOR_callback_op, CALLBACKOP_register,
			    BAD_POINTER),
			-XEN_EFAULT);
	PETREL_CHECK_EQ(HC2(__HYPERVISOR_callback_op, CALLBACKOP_register,
			    &reg),
			-XEN_ENOSYS);
	PETREL_CHECK_EQ(HC2(__HYPERVISOR_callback_op, 0x7fff, &reg),
			-XEN_ENOSYS);
}
