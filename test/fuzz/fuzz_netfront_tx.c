/*
 * Fuzzes netfront's tx side (kernel/drivers/netfront_tx.c) in the loop
 * kernel/drivers/netfront_io.c runs it in, against a hostile backend:
 * frames checked, given slots and copied into their pages as
 * netfront_xmit does, and a backend that answers them honestly (any
 * order, a NULL after each extra-info slot) or not: responses with any
 * bytes, NULL answers to data slots, replays of earlier answers, and
 * rsp_prod running ahead of what was asked. Responses are taken as
 * tx_batch takes them: the vif stops once the backend has answered more
 * than was asked, or, at the end of the batch, once an answer named no
 * slot in flight (netfront_io.c's backend_broken). Asserts, besides no
 * sanitizer report:
 *  - every slot id is either free (on the free list once) or in flight,
 *    and in flight exactly when it was handed out and no answer naming
 *    it has been taken since (nothing freed twice, nothing lost);
 *  - each verdict follows from the response and that state alone;
 *  - the backend holds one slot per request it has not answered: exactly
 *    while it is honest, and off by no more than one per bad answer it
 *    gave (a bad answer can strand a slot, never more);
 *  - a frame the checks let through fits what netfront_xmit has for it
 *    (its 16-bit size field, its slot arrays, one page without
 *    scatter-gather), and lands in its pages byte for byte.
 */
#include <stdbool.h>
#include <stdint.h>

#include "kernel/drivers/netfront_tx.h"
#include "fuzz.h"

#define MAX_FRAGS 6
#define MAX_PENDING 4096 /* requests the model remembers */

enum tag { HOSTILE, HONEST_DATA, HONEST_NULL };

struct request {
	uint16_t id;
	bool extra; /* an extra-info slot follows it */
};

struct harness {
	struct netfront_tx_ids ids;
	unsigned int features;
	size_t max_frame;
	uint32_t req_prod, rsp_prod, rsp_cons;
	bool broken;
	union netfront_tx_raw rsp[NETFRONT_RING_SIZE];
	uint8_t tag[NETFRONT_RING_SIZE]; /* enum tag of each response */
	bool inflight[NETFRONT_RING_SIZE]; /* the model's */
	struct request pending[MAX_PENDING]; /* posted, not answered */
	unsigned int nr_pending;
	unsigned int honest_unconsumed; /* honest data answers not taken */
	unsigned int hostile; /* bad answers taken */
	uint8_t src[NETFRONT_TX_MAX_SIZE + 2 * NETFRONT_PAGE_SIZE];
	uint8_t pages[NETFRONT_RING_SIZE][NETFRONT_PAGE_SIZE];
};

/* As read_backend_features(): GSO only with SG and the checksum. */
static unsigned int fuzz_features(uint8_t f)
{
	f &= 0x1f;
	if (!(f & NETFRONT_F_SG))
		f &= ~(NETFRONT_F_GSO_TCPV4 | NETFRONT_F_GSO_TCPV6);
	if (!(f & NETFRONT_F_CSUM))
		f &= ~NETFRONT_F_GSO_TCPV4;
	if (!(f & NETFRONT_F_CSUM_IPV6))
		f &= ~NETFRONT_F_GSO_TCPV6;
	return f;
}

/* Every slot id is free once or in flight, as the model says. (Not
 * traced for coverage: it is the harness's, and would be most of the
 * time spent.) */
FUZZ_NO_COVERAGE static void check_ids(const struct harness *h)
{
	unsigned int where[NETFRONT_RING_SIZE] = { 0 };

	FUZZ_CHECK(h->ids.nr_free <= NETFRONT_RING_SIZE);
	for (unsigned int i = 0; i < h->ids.nr_free; i++) {
		FUZZ_CHECK(h->ids.free[i] < NETFRONT_RING_SIZE);
		where[h->ids.free[i]]++;
	}
	for (unsigned int id = 0; id < NETFRONT_RING_SIZE; id++) {
		FUZZ_CHECK(h->ids.inflight[id] == h->inflight[id]);
		FUZZ_CHECK(where[id] + h->ids.inflight[id] == 1);
	}
}

static void check_held(const struct harness *h)
{
	unsigned int held = NETFRONT_RING_SIZE - h->ids.nr_free, owed;

	/* Once the backend has published more than was asked, the vif
	 * stops at the next take (and what it overwrote does not count). */
	if (h->broken || h->rsp_prod - h->rsp_cons > h->req_prod - h->rsp_cons)
		return;
	/* Requests the backend still owes an answer, or answered honestly
	 * in responses not yet taken. */
	owed = h->nr_pending + h->honest_unconsumed;
	if (!h->hostile)
		FUZZ_CHECK(held == owed);
	FUZZ_CHECK(held <= owed + h->hostile && owed <= held + h->hostile);
}

/* A frame netfront_tx_check let through, as netfront_xmit sends it. */
static void post(struct harness *h, const struct netfront_tx_packet *pkt,
		 size_t len)
{
	unsigned int slots = netfront_tx_slots(len);
	bool gso = pkt->gso_type != NETFRONT_GSO_NONE;
	uint16_t ids[NETFRONT_RX_MAX_SLOTS];
	void *pages[NETFRONT_RX_MAX_SLOTS];
	uint64_t copies = 0;

	FUZZ_CHECK(len >= NETFRONT_ETH_HLEN && len <= NETFRONT_TX_MAX_SIZE);
	FUZZ_CHECK(slots >= 1 && slots <= NETFRONT_RX_MAX_SLOTS);
	FUZZ_CHECK(slots == 1 || (h->features & NETFRONT_F_SG));
	FUZZ_CHECK(gso || (h->features & NETFRONT_F_SG) || len <= h->max_frame);
	/* tx_room(): else netfront_xmit waits, then says -ENOBUFS. */
	if (NETFRONT_RING_SIZE - (h->req_prod - h->rsp_cons) < slots + gso ||
	    h->ids.nr_free < slots || h->nr_pending + slots > MAX_PENDING)
		return;
	for (unsigned int i = 0; i < slots; i++) {
		int id = netfront_tx_ids_get(&h->ids);

		FUZZ_CHECK(id >= 0 && id < (int)NETFRONT_RING_SIZE);
		FUZZ_CHECK(!h->inflight[id]);
		h->inflight[id] = true;
		ids[i] = (uint16_t)id;
		pages[i] = h->pages[id];
		h->pending[h->nr_pending++] =
			(struct request){ ids[i], gso && !i };
	}
	FUZZ_CHECK(netfront_tx_gather(pages, pkt->frags, pkt->nr_frags,
				      &copies) == len);
	/* Each page takes one copy at least, each frag one more at most. */
	FUZZ_CHECK(copies >= slots && copies <= pkt->nr_frags + slots - 1);
	/* The frags are consecutive pieces of src, so the frame is too. */
	for (unsigned int i = 0; i < slots; i++) {
		size_t off = (size_t)i * NETFRONT_PAGE_SIZE;
		size_t n = len - off < NETFRONT_PAGE_SIZE ? len - off :
							    NETFRONT_PAGE_SIZE;

		FUZZ_CHECK(!memcmp(pages[i],
				   (const uint8_t *)pkt->frags[0].data + off,
				   n));
	}
	h->req_prod += slots + gso;
}

static void send(struct harness *h, struct fuzz_input *in)
{
	struct netfront_frag frags[MAX_FRAGS];
	struct netfront_tx_packet pkt = { .frags = frags };
	size_t len = 0, start = fuzz_u16(in) % NETFRONT_PAGE_SIZE;

	pkt.nr_frags = fuzz_u8(in) % (MAX_FRAGS + 1);
	pkt.flags = fuzz_u8(in) & 3;
	pkt.gso_type = fuzz_u8(in) % 4; /* 3: no such type */
	pkt.gso_size = fuzz_u16(in);
	for (unsigned int i = 0; i < pkt.nr_frags; i++) {
		/* Sometimes a whole frame in one piece, mostly small ones. */
		uint16_t n = fuzz_u16(in);

		frags[i].len = n & 0x8000 ? n & 0x7fff : n % 2048;
		if (len + frags[i].len >
		    NETFRONT_TX_MAX_SIZE + NETFRONT_PAGE_SIZE)
			frags[i].len = 0;
		frags[i].data = h->src + start + len;
		len += frags[i].len;
	}
	if (netfront_tx_check(&pkt, len, h->features, h->max_frame) == 0)
		post(h, &pkt, len);
}

static void publish(struct harness *h, union netfront_tx_raw s, enum tag t)
{
	h->rsp[h->rsp_prod & NETFRONT_RING_MASK] = s;
	h->tag[h->rsp_prod & NETFRONT_RING_MASK] = (uint8_t)t;
	h->rsp_prod++;
	h->honest_unconsumed += t == HONEST_DATA;
}

/* Answer a request the backend holds, as netback does. */
static void answer(struct harness *h, struct fuzz_input *in)
{
	static const int16_t statuses[] = { NETIF_RSP_OKAY, NETIF_RSP_OKAY,
					    NETIF_RSP_ERROR,
					    NETIF_RSP_DROPPED };
	unsigned int k = fuzz_u8(in);
	union netfront_tx_raw s;
	struct request r;

	s.rsp.status = statuses[fuzz_u8(in) % 4];
	if (!h->nr_pending)
		return;
	k %= h->nr_pending;
	r = h->pending[k];
	h->pending[k] = h->pending[--h->nr_pending];
	s.rsp.id = r.id;
	publish(h, s, HONEST_DATA);
	if (r.extra) {
		/* netback writes only the status: the id is left over. */
		s.rsp.id = fuzz_u16(in);
		s.rsp.status = NETIF_RSP_NULL;
		publish(h, s, HONEST_NULL);
	}
}

static void misbehave(struct harness *h, struct fuzz_input *in, uint8_t how)
{
	union netfront_tx_raw s;

	switch (how) {
	case 3: /* any bytes */
		s.raw = fuzz_u32(in);
		break;
	case 4: /* a NULL answer to a data slot */
		s.rsp.id = h->nr_pending ?
				   h->pending[fuzz_u8(in) % h->nr_pending].id :
				   fuzz_u16(in);
		s.rsp.status = NETIF_RSP_NULL;
		break;
	case 5: /* an earlier answer again */
		s = h->rsp[(h->rsp_prod - 1 - fuzz_u8(in) % 8) &
			   NETFRONT_RING_MASK];
		break;
	default: /* rsp_prod ahead: whatever the slots held */
		for (unsigned int n = fuzz_u8(in) % 4; n; n--) {
			h->tag[h->rsp_prod & NETFRONT_RING_MASK] = HOSTILE;
			h->rsp_prod++;
		}
		s = h->rsp[h->rsp_prod & NETFRONT_RING_MASK];
		break;
	}
	publish(h, s, HOSTILE);
}

/* The model's verdict, from the slot ids in flight before the answer. */
static enum netfront_tx_verdict expect(struct harness *h,
				       union netfront_tx_raw s)
{
	if (s.rsp.status == NETIF_RSP_NULL)
		return NETFRONT_TX_NULL;
	if (s.rsp.id >= NETFRONT_RING_SIZE || !h->inflight[s.rsp.id])
		return NETFRONT_TX_BAD;
	h->inflight[s.rsp.id] = false;
	if (s.rsp.status == NETIF_RSP_OKAY)
		return NETFRONT_TX_SENT;
	if (s.rsp.status == NETIF_RSP_ERROR ||
	    s.rsp.status == NETIF_RSP_DROPPED)
		return NETFRONT_TX_FAILED;
	return NETFRONT_TX_BAD; /* answered, with a status we do not know */
}

/* tx_batch(): take what the backend published, unless it overran; an
 * answer to no request stops the vif once the batch is taken. */
static void take_responses(struct harness *h)
{
	uint32_t prod = h->rsp_prod, cons = h->rsp_cons;
	bool bad = false;

	if (prod - cons > h->req_prod - cons) {
		h->broken = true;
		return;
	}
	for (; cons != prod; cons++) {
		union netfront_tx_raw s = h->rsp[cons & NETFRONT_RING_MASK];
		uint8_t t = h->tag[cons & NETFRONT_RING_MASK];
		enum netfront_tx_verdict want = expect(h, s);
		enum netfront_tx_verdict v = netfront_tx_complete(&h->ids, s);

		FUZZ_CHECK(v == want);
		bad |= v == NETFRONT_TX_BAD;
		h->honest_unconsumed -= t == HONEST_DATA;
		if (t == HOSTILE)
			h->hostile++;
		else if (!h->hostile)
			FUZZ_CHECK(t == HONEST_NULL ?
					   v == NETFRONT_TX_NULL :
					   v == NETFRONT_TX_SENT ||
						   v == NETFRONT_TX_FAILED);
		h->rsp_cons = cons + 1;
	}
	/* An honest backend never gets here. */
	FUZZ_CHECK(!bad || h->hostile);
	h->broken = bad;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = { data, size };
	static struct harness h;
	uint8_t features = fuzz_u8(&in);
	uint16_t mtu = fuzz_u16(&in);
	uint32_t base = fuzz_u32(&in);

	memset(&h, 0, offsetof(struct harness, src));
	h.features = fuzz_features(features);
	/* As backend_max_frame(): the MTU from 68 up, 1500 by default. */
	h.max_frame =
		(mtu < 68 || mtu > NETFRONT_TX_MAX_SIZE - NETFRONT_ETH_HLEN ?
			 1500 :
			 mtu) +
		NETFRONT_ETH_HLEN;
	h.req_prod = h.rsp_prod = h.rsp_cons = base;
	netfront_tx_ids_init(&h.ids);
	if (!h.src[1])
		for (size_t i = 0; i < sizeof(h.src); i++)
			h.src[i] = (uint8_t)(i * 131 + (i >> 8) + 1);
	while (!fuzz_done(&in) && !h.broken) {
		uint8_t op = fuzz_u8(&in) % 8;

		if (op == 0)
			send(&h, &in);
		else if (op <= 2)
			answer(&h, &in);
		else if (op <= 6)
			misbehave(&h, &in, op);
		else
			take_responses(&h);
		/* Only sends and takes move slot ids. */
		if (op == 0 || op == 7)
			check_ids(&h);
		check_held(&h);
	}
	return 0;
}
