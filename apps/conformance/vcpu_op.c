/*
 * vcpu_op (hypercall 24): Petrel's timers are one-shot vCPU timers.
 * Pins (xen/common/domain.c, do_vcpu_op): VCPUOP_is_up of vCPU 0 is 1;
 * a singleshot timer in the past with VCPU_SSHOTTMR_future is accepted
 * (0) and simply fires: xen/vcpu.h says the hypervisor may ignore the
 * flag instead of returning -ETIME, and the testbed's Xen 4.17 does
 * (measured), so Petrel must never rely on -ETIME; a vCPU id past the
 * domain's is -ENOENT; an argument Xen cannot read is -EFAULT; an
 * unknown command is -ENOSYS. The kernel's own timer works afterwards.
 */
#include <petrel/thread.h>
#include "conformance.h"

PETREL_TEST(vcpu_op,
	    "vcpu_op: is_up, singleshot timer in the past (flag ignored), "
	    "bad vcpu, bad pointer, bad command")
{
	struct vcpu_set_singleshot_timer t = {
		.timeout_abs_ns = 1,
		.flags = VCPU_SSHOTTMR_future,
	};

	PETREL_CHECK_EQ(HC3(__HYPERVISOR_vcpu_op, VCPUOP_is_up, 0, 0), 1);
	PETREL_CHECK_EQ(HC3(__HYPERVISOR_vcpu_op, VCPUOP_set_singleshot_timer,
			    0, &t),
			0);
	PETREL_CHECK_EQ(HC3(__HYPERVISOR_vcpu_op, VCPUOP_is_up, 5, 0),
			-XEN_ENOENT);
	PETREL_CHECK_EQ(HC3(__HYPERVISOR_vcpu_op, VCPUOP_set_singleshot_timer,
			    0, BAD_POINTER),
			-XEN_EFAULT);
	PETREL_CHECK_EQ(HC3(__HYPERVISOR_vcpu_op, 0x7fff, 0, 0), -XEN_ENOSYS);
	/* The kernel's own timer still works after all that. */
	petrel_sleep_ns(1000000);
}
