/*
 * event_channel_op (hypercall 32): every Petrel device and the
 * xenstore/console rings hang off event channels. Pins, from
 * xen/common/event_channel.c (Xen 4.17): alloc_unbound for ourselves
 * gives a fresh port that EVTCHNOP_status reports unbound; a send on an
 * unbound port is silently dropped (0); close frees it, and then a
 * second close, a send and a status of it say -EINVAL / closed; a port
 * past the table is -EINVAL; alloc_unbound on behalf of dom0 is -EPERM
 * and of a missing domain -ESRCH; an unknown command is -ENOSYS.
 * The same errors must come through Petrel's wrappers as newlib errno.
 */
#include <errno.h>
#include <petrel/xen.h>
#include "conformance.h"

static long port_state(evtchn_port_t port)
{
	struct evtchn_status st = { .dom = DOMID_SELF, .port = port };
	long rc = evtchn(EVTCHNOP_status, &st);

	return rc < 0 ? rc : (long)st.status;
}

PETREL_TEST(evtchn_op, "event_channel_op: alloc_unbound, status, send, "
		       "close, bad port, other domain, bad command")
{
	struct evtchn_alloc_unbound au = { .dom = DOMID_SELF, .remote_dom = 0 };
	struct evtchn_close cl;
	struct evtchn_send sd;

	if (!PETREL_CHECK_EQ(evtchn(EVTCHNOP_alloc_unbound, &au), 0))
		return;
	PETREL_CHECK(au.port > 0);
	PETREL_CHECK_EQ(port_state(au.port), EVTCHNSTAT_unbound);
	sd.port = au.port;
	PETREL_CHECK_EQ(evtchn(EVTCHNOP_send, &sd), 0);
	cl.port = au.port;
	PETREL_CHECK_EQ(evtchn(EVTCHNOP_close, &cl), 0);
	PETREL_CHECK_EQ(port_state(au.port), EVTCHNSTAT_closed);
	PETREL_CHECK_EQ(evtchn(EVTCHNOP_close, &cl), -XEN_EINVAL);
	PETREL_CHECK_EQ(evtchn(EVTCHNOP_send, &sd), -XEN_EINVAL);

	sd.port = cl.port = 0x7fffffff;
	PETREL_CHECK_EQ(evtchn(EVTCHNOP_send, &sd), -XEN_EINVAL);
	PETREL_CHECK_EQ(evtchn(EVTCHNOP_close, &cl), -XEN_EINVAL);
	PETREL_CHECK_EQ(port_state(0x7fffffff), -XEN_EINVAL);

	au.dom = 0;
	PETREL_CHECK_EQ(evtchn(EVTCHNOP_alloc_unbound, &au), -XEN_EPERM);
	au.dom = NO_SUCH_DOMID;
	PETREL_CHECK_EQ(evtchn(EVTCHNOP_alloc_unbound, &au), -XEN_ESRCH);
	PETREL_CHECK_EQ(evtchn(EVTCHNOP_alloc_unbound, BAD_POINTER),
			-XEN_EFAULT);
	PETREL_CHECK_EQ(evtchn(0x7fff, &au), -XEN_ENOSYS);

	/* Petrel's wrappers: the same refusals, as newlib errno values. */
	PETREL_CHECK_EQ(petrel_evtchn_send(0x7fffffff), -EINVAL);
	PETREL_CHECK_EQ(petrel_evtchn_close(0x7fffffff), -EINVAL);
}
