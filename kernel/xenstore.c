/*
 * Polled xenstore requests. One request is in flight at a time; replies
 * are matched by req_id and anything else (a stray watch event) is
 * dropped. The ring is shared with a possibly hostile xenstored, so all
 * decoding goes through the bounds-checked wire codec.
 */
#include <stdbool.h>
#include "arch/hypercall.h"
#include "kernel/lib/errno.h"
#include "kernel/lib/string.h"
#include "kernel/xenstore.h"
#include "kernel/xenstore_wire.h"

#define XS_POLL_YIELDS 5000000UL

static struct xenstore_domain_interface *xs_intf;
static evtchn_port_t xs_port;
static uint32_t xs_next_req_id = 1;
static char xs_reply[XENSTORE_PAYLOAD_MAX + 1];

void xenstore_init(struct xenstore_domain_interface *intf,
		   evtchn_port_t port)
{
	xs_intf = intf;
	xs_port = port;
}

static void xs_notify(void)
{
	struct evtchn_send send = { .port = xs_port };

	hyp_event_channel_op(EVTCHNOP_send, &send);
}

static int xs_send(uint32_t type, uint32_t req_id, const char *const *parts,
		   int nparts, bool nul_last)
{
	for (unsigned long i = 0; i < XS_POLL_YIELDS; i++) {
		int rc = xs_wire_put_request(xs_intf, type, req_id, 0, parts,
					     nparts, nul_last);

		if (rc != -EAGAIN) {
			if (!rc)
				xs_notify();
			return rc;
		}
		hyp_sched_op(SCHEDOP_yield, NULL);
	}
	return -ETIMEDOUT;
}

static int xs_wait_reply(uint32_t req_id)
{
	struct xsd_sockmsg hdr;

	for (unsigned long i = 0; i < XS_POLL_YIELDS; i++) {
		int len = xs_wire_get_response(xs_intf, &hdr, xs_reply,
					       sizeof(xs_reply));

		if (len == -EAGAIN) {
			hyp_sched_op(SCHEDOP_yield, NULL);
			continue;
		}
		if (len < 0)
			return len;
		xs_notify(); /* we freed ring space */
		if (hdr.req_id != req_id || hdr.type == XS_WATCH_EVENT)
			continue;
		if (hdr.type == XS_ERROR)
			return xs_wire_error_to_errno(xs_reply, (size_t)len);
		return len;
	}
	return -ETIMEDOUT;
}

static int xs_request(uint32_t type, const char *const *parts, int nparts,
		      bool nul_last)
{
	uint32_t req_id = xs_next_req_id++;
	int rc;

	if (!xs_intf)
		return -ENOTCONN;
	rc = xs_send(type, req_id, parts, nparts, nul_last);
	if (rc < 0)
		return rc;
	return xs_wait_reply(req_id);
}

int xenstore_write(const char *path, const char *value)
{
	const char *parts[] = { path, value };
	int rc = xs_request(XS_WRITE, parts, 2, false);

	return rc < 0 ? rc : 0;
}

int xenstore_read(const char *path, char *buf, size_t size)
{
	const char *parts[] = { path };
	int len = xs_request(XS_READ, parts, 1, true);

	if (len < 0)
		return len;
	if (!size || (size_t)len >= size)
		return -ERANGE;
	memcpy(buf, xs_reply, (size_t)len);
	buf[len] = '\0';
	return len;
}
