/*
 * Fuzzes netfront's rx response checks (kernel/drivers/netfront_rx.c)
 * in the loop kernel/drivers/netfront_io.c runs them in: buffers posted
 * at req_prod while the ring has room, each response the backend writes
 * (any 8 bytes, or a response naming the buffer posted at its slot with
 * fuzzed offset, flags and status) judged at rsp_cons, frames delivered
 * or dropped, then released. Asserts, besides no sanitizer report:
 *  - no buffer is lost or used twice: the free list, the buffers the
 *    backend holds and the current frame's slots hold each of the 256
 *    buffers exactly once;
 *  - a delivered frame is whole and sane: 1..NETFRONT_RX_MAX_SLOTS
 *    slots, each inside its page, lengths adding up to its length, an
 *    Ethernet frame's size, a known GSO type with a size, and no bad
 *    response counted while it was put together;
 *  - a dropped frame counted at least one bad response.
 */
#include <stdbool.h>
#include <stdint.h>

#include "kernel/drivers/netfront_rx.h"
#include "fuzz.h"

#define REFILL_EVERY 64 /* as netfront_io.c */

struct harness {
	struct netfront_rx_ids ids;
	struct netfront_rx_frame f;
	uint32_t req_prod, rsp_cons;
	uint64_t bad, bad_at_frame_start;
};

static void refill(struct harness *h)
{
	while (h->req_prod - h->rsp_cons < NETFRONT_RING_SIZE &&
	       netfront_rx_ids_post(&h->ids, h->req_prod) >= 0)
		h->req_prod++;
}

/* Every buffer is in exactly one place: free, backend, or the frame. */
static void check_buffers(const struct harness *h)
{
	unsigned int where[NETFRONT_RING_SIZE] = { 0 }, held = 0;

	FUZZ_CHECK(h->ids.nr_free <= NETFRONT_RING_SIZE);
	FUZZ_CHECK(h->f.nr_slots <= NETFRONT_RX_MAX_SLOTS);
	for (unsigned int i = 0; i < h->ids.nr_free; i++) {
		FUZZ_CHECK(h->ids.free[i] < NETFRONT_RING_SIZE);
		where[h->ids.free[i]]++;
	}
	for (unsigned int i = 0; i < h->f.nr_slots; i++) {
		FUZZ_CHECK(h->f.slots[i].id < NETFRONT_RING_SIZE);
		where[h->f.slots[i].id]++;
	}
	for (unsigned int id = 0; id < NETFRONT_RING_SIZE; id++) {
		FUZZ_CHECK(where[id] + h->ids.outstanding[id] == 1);
		held += h->ids.outstanding[id];
	}
	/* Each answered slot gives back exactly its own buffer, whatever the
	 * backend said: it holds one per unanswered request, never more. */
	FUZZ_CHECK(held == h->req_prod - h->rsp_cons);
}

static void check_frame(const struct harness *h)
{
	const struct netfront_rx_frame *f = &h->f;
	size_t len = 0;

	FUZZ_CHECK(h->bad == h->bad_at_frame_start && !f->bad);
	FUZZ_CHECK(f->nr_slots >= 1 && f->nr_slots <= NETFRONT_RX_MAX_SLOTS);
	for (unsigned int i = 0; i < f->nr_slots; i++) {
		FUZZ_CHECK((uint32_t)f->slots[i].offset + f->slots[i].len <=
			   NETFRONT_PAGE_SIZE);
		len += f->slots[i].len;
	}
	FUZZ_CHECK(len == f->len);
	FUZZ_CHECK(len >= NETFRONT_ETH_HLEN && len <= NETFRONT_MAX_FRAME);
	FUZZ_CHECK(f->gso_type == NETFRONT_GSO_NONE ||
		   ((f->gso_type == NETFRONT_GSO_TCPV4 ||
		     f->gso_type == NETFRONT_GSO_TCPV6) &&
		    f->gso_size));
}

/* The next response: raw bytes, or one naming the buffer posted there. */
static union netfront_rx_raw response(struct harness *h, struct fuzz_input *in,
				      uint8_t kind)
{
	union netfront_rx_raw s;

	if (kind & 1) {
		s.raw = fuzz_u64(in);
		return s;
	}
	s.rsp.id = h->ids.posted[h->rsp_cons & NETFRONT_RING_MASK];
	s.rsp.offset = fuzz_u16(in) % (NETFRONT_PAGE_SIZE + 16);
	s.rsp.flags = fuzz_u8(in);
	s.rsp.status = (int16_t)fuzz_u16(in);
	return s;
}

static void take_response(struct harness *h, struct fuzz_input *in,
			  uint8_t kind)
{
	union netfront_rx_raw s = response(h, in, kind);
	enum netfront_rx_verdict v;
	uint64_t bad = h->bad;

	/* The driver stops the vif if the backend answers more than asked. */
	if (h->req_prod == h->rsp_cons)
		return;
	v = netfront_rx_feed(&h->f, &h->ids, h->rsp_cons, s, &h->bad);
	FUZZ_CHECK(h->bad - bad <= 3);
	h->rsp_cons++;
	if (v == NETFRONT_RX_FRAME)
		check_frame(h);
	else if (v == NETFRONT_RX_DROP)
		FUZZ_CHECK(h->bad > h->bad_at_frame_start);
	else
		FUZZ_CHECK(v == NETFRONT_RX_MORE);
	if (v != NETFRONT_RX_MORE) {
		netfront_rx_frame_release(&h->f, &h->ids);
		h->bad_at_frame_start = h->bad;
	}
	if (h->rsp_cons % REFILL_EVERY == 0)
		refill(h);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = { data, size };
	static struct harness h;
	uint32_t base = fuzz_u32(&in);

	h = (struct harness){ .req_prod = base, .rsp_cons = base };
	netfront_rx_ids_init(&h.ids);
	netfront_rx_frame_release(&h.f, &h.ids);
	refill(&h);
	check_buffers(&h);
	while (!fuzz_done(&in)) {
		uint8_t kind = fuzz_u8(&in);

		if (kind % 8 == 7)
			refill(&h); /* the end of a batch */
		else
			take_response(&h, &in, kind);
		check_buffers(&h);
	}
	return 0;
}
