/*
 * PV event upcall registration and the event mask. The upcall entry is
 * hypervisor_callback in pv/entry.S; trap_dispatch routes its vector to
 * arch_event_upcall.
 */
#include <stddef.h>
#include "arch/hypercall.h"
#include "arch/irq.h"
#include "kernel/lib/errno.h"
#include "pv.h"

void hypervisor_callback(void);

int pv_events_init(void)
{
	struct callback_register cb = {
		.type = CALLBACKTYPE_event,
		.address = (unsigned long)hypervisor_callback,
		.flags = CALLBACKF_mask_events,
	};

	return xen_errno(hypercall2(__HYPERVISOR_callback_op,
				    CALLBACKOP_register, (unsigned long)&cb));
}

void pv_irq_enable(void)
{
	struct vcpu_info *v = arch_vcpu_info();

	v->evtchn_upcall_mask = 0;
	/* Unmask before looking at pending, or an event can slip by. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (v->evtchn_upcall_pending)
		/* Any hypercall returns through Xen's event check. */
		hyp_xen_version(XENVER_version, NULL);
}

void pv_block(void)
{
	/* SCHEDOP_block unmasks and checks for pending events atomically. */
	hyp_sched_op(SCHEDOP_block, NULL);
}
