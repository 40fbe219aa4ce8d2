/*
 * Event-channel core: binding, sending, masking and per-port dispatch,
 * independent of the ABI used to find pending ports.
 */
#include <stddef.h>
#include "arch/hypercall.h"
#include "arch/irq.h"
#include "kernel/evtchn.h"
#include "kernel/evtchn_abi.h"
#include "kernel/lib/errno.h"
#include "kernel/printk.h"

struct evtchn_slot {
	evtchn_handler_t fn;
	void *arg;
};

static struct evtchn_slot slots[EVTCHN_MAX_PORTS];
static const struct evtchn_abi *abi;

const char *evtchn_abi_name(void)
{
	return abi ? abi->name : "none";
}

void evtchn_dispatch(evtchn_port_t port)
{
	struct evtchn_slot *slot;

	if (port >= EVTCHN_MAX_PORTS)
		return;
	slot = &slots[port];
	if (slot->fn)
		slot->fn(port, slot->arg);
}

static void evtchn_upcall(void)
{
	struct vcpu_info *v = arch_vcpu_info();

	/* Xen sets upcall_pending again for anything new: loop on it. */
	while (__atomic_exchange_n(&v->evtchn_upcall_pending, 0,
				   __ATOMIC_SEQ_CST))
		abi->handle_pending();
}

/*
 * An image may define this as nonzero to use the 2-level ABI even when
 * Xen offers FIFO (to test the fallback, or to match old hypervisors).
 */
extern const int petrel_evtchn_force_2level __attribute__((weak));

int evtchn_init(void)
{
	int rc = -ENOSYS;

	if (!&petrel_evtchn_force_2level || !petrel_evtchn_force_2level)
		rc = evtchn_fifo_init(&abi);
	if (rc == -ENOSYS)
		rc = evtchn_2l_init(&abi);
	if (rc < 0)
		return rc;
	printk("petrel: event channels: %s ABI\n", abi->name);
	return arch_events_init(evtchn_upcall);
}

int evtchn_resume(void)
{
	/* The ports died with the old domain: their owners bind anew. */
	for (unsigned int i = 0; i < EVTCHN_MAX_PORTS; i++)
		slots[i] = (struct evtchn_slot){ 0 };
	return abi->resume();
}

int evtchn_send(evtchn_port_t port)
{
	struct evtchn_send send = { .port = port };

	return xen_errno(hyp_event_channel_op(EVTCHNOP_send, &send));
}

void evtchn_mask(evtchn_port_t port)
{
	if (abi && port < EVTCHN_MAX_PORTS)
		abi->mask(port);
}

void evtchn_unmask(evtchn_port_t port)
{
	struct evtchn_unmask unmask = { .port = port };

	if (!abi || port >= EVTCHN_MAX_PORTS)
		return;
	/* A port that went pending while masked needs Xen to requeue it. */
	if (abi->clear_mask(port))
		hyp_event_channel_op(EVTCHNOP_unmask, &unmask);
}

static int close_port(evtchn_port_t port)
{
	struct evtchn_close close = { .port = port };

	return xen_errno(hyp_event_channel_op(EVTCHNOP_close, &close));
}

int evtchn_bind(evtchn_port_t port, evtchn_handler_t fn, void *arg)
{
	unsigned long flags;
	int rc;

	if (port >= EVTCHN_MAX_PORTS)
		return -ENOSPC;
	rc = abi->setup_port(port);
	if (rc < 0)
		return rc;
	flags = arch_irq_save();
	slots[port].fn = fn;
	slots[port].arg = arg;
	arch_irq_restore(flags);
	evtchn_unmask(port);
	return 0;
}

/* Bind a freshly allocated port, closing it again if that fails. */
static int bind_new(evtchn_port_t port, evtchn_handler_t fn, void *arg)
{
	int rc = evtchn_bind(port, fn, arg);

	if (rc < 0) {
		close_port(port);
		return rc;
	}
	return (int)port;
}

int evtchn_bind_virq(uint32_t virq, evtchn_handler_t fn, void *arg)
{
	struct evtchn_bind_virq op = { .virq = virq, .vcpu = 0 };
	long rc = hyp_event_channel_op(EVTCHNOP_bind_virq, &op);

	return rc < 0 ? xen_errno(rc) : bind_new(op.port, fn, arg);
}

int evtchn_bind_interdomain(domid_t remote_dom, evtchn_port_t remote_port,
			    evtchn_handler_t fn, void *arg)
{
	struct evtchn_bind_interdomain op = {
		.remote_dom = remote_dom,
		.remote_port = remote_port,
	};
	long rc = hyp_event_channel_op(EVTCHNOP_bind_interdomain, &op);

	return rc < 0 ? xen_errno(rc) : bind_new(op.local_port, fn, arg);
}

int evtchn_alloc_unbound(domid_t remote_dom, evtchn_handler_t fn, void *arg)
{
	struct evtchn_alloc_unbound op = {
		.dom = DOMID_SELF,
		.remote_dom = remote_dom,
	};
	long rc = hyp_event_channel_op(EVTCHNOP_alloc_unbound, &op);

	return rc < 0 ? xen_errno(rc) : bind_new(op.port, fn, arg);
}

int evtchn_close(evtchn_port_t port)
{
	unsigned long flags;

	if (port >= EVTCHN_MAX_PORTS)
		return -EINVAL;
	evtchn_mask(port);
	flags = arch_irq_save();
	slots[port].fn = NULL;
	slots[port].arg = NULL;
	arch_irq_restore(flags);
	return close_port(port);
}
