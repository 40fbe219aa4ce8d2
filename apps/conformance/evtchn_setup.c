/*
 * Event channel set-up: binding a VIRQ (Petrel's timer is VIRQ_TIMER)
 * and registering the FIFO ABI's control block (Petrel prefers FIFO and
 * falls back to 2-level). Pins the argument checks Xen makes before it
 * changes any state (xen/common/event_channel.c, evtchn_bind_virq, and
 * event_fifo.c, evtchn_fifo_init_control, Xen 4.17), so the calls are
 * safe on a running kernel: a VIRQ number past the table is -EINVAL; a
 * per-vCPU VIRQ on a vCPU the domain lacks is -ENOENT; VIRQ_TIMER, which
 * the kernel has bound, is -EEXIST; init_control for a missing vCPU is
 * -ENOENT, with an unaligned or page-crossing offset -EINVAL, and with an
 * argument Xen cannot read -EFAULT.
 */
#include "conformance.h"

static long bind_virq(unsigned int virq, unsigned int vcpu)
{
	struct evtchn_bind_virq op = { .virq = virq, .vcpu = vcpu };

	return evtchn(EVTCHNOP_bind_virq, &op);
}

static long init_control(unsigned int vcpu, unsigned int offset)
{
	/* Any frame of ours: every check fails before Xen maps it. */
	static char page[4096] __attribute__((aligned(4096)));
	struct evtchn_init_control op = {
		.control_gfn = petrel_virt_to_frame(page),
		.offset = offset,
		.vcpu = vcpu,
	};

	return evtchn(EVTCHNOP_init_control, &op);
}

PETREL_TEST(evtchn_setup, "event channels: bind_virq and FIFO "
			  "init_control argument checks")
{
	PETREL_CHECK_EQ(bind_virq(NR_VIRQS, 0), -XEN_EINVAL);
	PETREL_CHECK_EQ(bind_virq(VIRQ_TIMER, 5), -XEN_ENOENT);
	PETREL_CHECK_EQ(bind_virq(VIRQ_TIMER, 0), -XEN_EEXIST);
	PETREL_CHECK_EQ(evtchn(EVTCHNOP_bind_virq, BAD_POINTER), -XEN_EFAULT);

	PETREL_CHECK_EQ(init_control(5, 0), -XEN_ENOENT);
	PETREL_CHECK_EQ(init_control(0, 4), -XEN_EINVAL);
	PETREL_CHECK_EQ(init_control(0, 4096), -XEN_EINVAL);
	PETREL_CHECK_EQ(evtchn(EVTCHNOP_init_control, BAD_POINTER),
			-XEN_EFAULT);
}
