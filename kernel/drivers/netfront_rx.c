/*
 * Validation of netfront rx responses (see netfront_rx.h). The backend
 * answers requests in ring order, so a response must name the buffer
 * posted at its own slot (as Linux's netfront takes it by slot): one
 * naming another slot's buffer is bad, and this slot's buffer comes
 * back; the other stays the backend's until its own slot answers. It
 * must also carry a non-negative status,
 * and keep offset + length inside the page; a frame must have at most
 * NETFRONT_RX_MAX_SLOTS data slots, extra-info slots only right after
 * its first response, and a total size an Ethernet frame can have. A
 * frame with any bad part is dropped whole, and every ring slot it
 * used gives its buffer back, so a hostile backend cannot shrink the
 * ring or make us use a page twice.
 */
#include "kernel/drivers/netfront_rx.h"

void netfront_rx_ids_init(struct netfront_rx_ids *ids)
{
	for (unsigned int i = 0; i < NETFRONT_RING_SIZE; i++) {
		ids->posted[i] = 0;
		ids->outstanding[i] = false;
		ids->free[i] = (uint16_t)(NETFRONT_RING_SIZE - 1 - i);
	}
	ids->nr_free = NETFRONT_RING_SIZE;
}

int netfront_rx_ids_post(struct netfront_rx_ids *ids, uint32_t pos)
{
	uint16_t id;

	if (!ids->nr_free)
		return -1;
	id = ids->free[--ids->nr_free];
	ids->posted[pos & NETFRONT_RING_MASK] = id;
	ids->outstanding[id] = true;
	return id;
}

static void put_id(struct netfront_rx_ids *ids, uint16_t id)
{
	ids->free[ids->nr_free++] = id;
}

/* Take back a buffer the backend held; false if it did not hold it. */
static bool take_id(struct netfront_rx_ids *ids, uint16_t id)
{
	if (id >= NETFRONT_RING_SIZE || !ids->outstanding[id])
		return false;
	ids->outstanding[id] = false;
	return true;
}

/*
 * A slot whose response names no buffer we can trust still used up the
 * request posted there: take that buffer back, if the backend did not
 * already return it under its own id.
 */
static void take_posted(struct netfront_rx_ids *ids, uint32_t pos)
{
	uint16_t id = ids->posted[pos & NETFRONT_RING_MASK];

	if (take_id(ids, id))
		put_id(ids, id);
}

static void mark_bad(struct netfront_rx_frame *f, uint64_t *bad_responses)
{
	f->bad = true;
	++*bad_responses;
}

static bool extra_ok(struct netfront_rx_frame *f,
		     const struct netif_extra_info *x)
{
	if (x->type == XEN_NETIF_EXTRA_TYPE_GSO) {
		if (!x->u.gso.size)
			return false;
		if (x->u.gso.type == XEN_NETIF_GSO_TYPE_TCPV4)
			f->gso_type = NETFRONT_GSO_TCPV4;
		else if (x->u.gso.type == XEN_NETIF_GSO_TYPE_TCPV6)
			f->gso_type = NETFRONT_GSO_TCPV6;
		else
			return false;
		f->gso_size = x->u.gso.size;
		return true;
	}
	/* Multicast and hash extras are well-formed; we use neither. */
	return x->type > XEN_NETIF_EXTRA_TYPE_NONE &&
	       x->type < XEN_NETIF_EXTRA_TYPE_MAX;
}

static void feed_extra(struct netfront_rx_frame *f, struct netfront_rx_ids *ids,
		       uint32_t pos, const struct netif_extra_info *x,
		       uint64_t *bad)
{
	take_posted(ids, pos);
	if (++f->nr_extras > NETFRONT_RX_MAX_EXTRAS || !extra_ok(f, x))
		mark_bad(f, bad);
	f->extra = x->flags & XEN_NETIF_EXTRA_FLAG_MORE;
}

static unsigned int csum_flags(uint16_t rx_flags)
{
	/* csum_blank comes with data that a local domain sent: valid. */
	if (rx_flags & NETRXF_csum_blank)
		return NETFRONT_PKT_CSUM_BLANK | NETFRONT_PKT_CSUM_VALID;
	if (rx_flags & NETRXF_data_validated)
		return NETFRONT_PKT_CSUM_VALID;
	return 0;
}

static void feed_data(struct netfront_rx_frame *f, struct netfront_rx_ids *ids,
		      uint32_t pos, const struct netif_rx_response *r,
		      uint64_t *bad)
{
	bool first = !f->started;
	bool ok = r->status >= 0 && (uint32_t)r->offset + (uint32_t)r->status <=
					    NETFRONT_PAGE_SIZE;

	f->started = true;
	if (r->id != ids->posted[pos & NETFRONT_RING_MASK] ||
	    !take_id(ids, r->id)) {
		take_posted(ids, pos);
		mark_bad(f, bad);
	} else if (!ok || f->nr_slots == NETFRONT_RX_MAX_SLOTS) {
		put_id(ids, r->id);
		mark_bad(f, bad);
	} else {
		f->slots[f->nr_slots++] =
			(struct netfront_rx_slot){ r->id, r->offset,
						   (uint16_t)r->status };
		f->len += (uint16_t)r->status;
	}
	if (first) {
		f->flags = csum_flags(r->flags);
		f->extra = r->flags & NETRXF_extra_info;
	} else if (r->flags & NETRXF_extra_info) {
		mark_bad(f, bad); /* extras follow only the first response */
	}
	f->more = r->flags & NETRXF_more_data;
}

enum netfront_rx_verdict netfront_rx_feed(struct netfront_rx_frame *f,
					  struct netfront_rx_ids *ids,
					  uint32_t pos, union netfront_rx_raw s,
					  uint64_t *bad_responses)
{
	if (f->extra)
		feed_extra(f, ids, pos, &s.extra, bad_responses);
	else
		feed_data(f, ids, pos, &s.rsp, bad_responses);
	if (f->more || f->extra)
		return NETFRONT_RX_MORE;
	if (!f->bad &&
	    (f->len < NETFRONT_ETH_HLEN || f->len > NETFRONT_MAX_FRAME))
		mark_bad(f, bad_responses);
	return f->bad ? NETFRONT_RX_DROP : NETFRONT_RX_FRAME;
}

void netfront_rx_frame_release(struct netfront_rx_frame *f,
			       struct netfront_rx_ids *ids)
{
	for (unsigned int i = 0; i < f->nr_slots; i++)
		put_id(ids, f->slots[i].id);
	*f = (struct netfront_rx_frame){ 0 };
}
