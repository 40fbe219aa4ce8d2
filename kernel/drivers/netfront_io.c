/*
 * Netfront's rings at run time: the vif's thread takes rx responses and
 * tx completions (woken by the event channel), hands whole frames to
 * the stack and gives the rx buffers back; netfront_xmit copies a frame
 * into granted tx pages. Buffer pages stay granted for the connection's
 * life, so no grant operation happens per packet. Each response is read
 * from the shared ring once, in one load, and judged by netfront_rx.c /
 * netfront_tx.c before anything uses it.
 */
#include "arch/irq.h"
#include "kernel/drivers/netfront_priv.h"
#include "kernel/evtchn.h"
#include "kernel/lib/errno.h"
#include "kernel/lib/format.h"
#include "kernel/printk.h"
#include "kernel/time.h"

/* How long netfront_xmit waits for ring space before -ENOBUFS. */
#define TX_WAIT_NS (500 * NSEC_PER_MSEC)
/* Give rx buffers back at least this often within one batch. */
#define RX_REFILL_EVERY 64

void netfront_event(evtchn_port_t port, void *arg)
{
	struct netfront *nf = arg;

	(void)port;
	nf->work = true;
	wake_up_one(&nf->thread_wait);
	wake_up_all(&nf->tx_wait);
}

static void notify(struct netfront *nf)
{
	if (nf->have_port)
		evtchn_send(nf->port);
}

/* The backend answers what we never asked: stop using the vif. */
static void backend_broken(struct netfront *nf, const char *why)
{
	if (!nf->broken)
		printk("petrel: netfront: %s: %s, vif stopped\n", nf->nodename,
		       why);
	nf->broken = true;
	wake_up_all(&nf->tx_wait);
}

static void rx_refill(struct netfront *nf)
{
	RING_IDX prod = nf->rx.req_prod_pvt;
	int id, must_notify;

	while (prod - nf->rx.rsp_cons < NETFRONT_RING_SIZE &&
	       (id = netfront_rx_ids_post(&nf->rx_ids, prod)) >= 0) {
		netif_rx_request_t *req = RING_GET_REQUEST(&nf->rx, prod);

		req->id = (uint16_t)id;
		req->gref = nf->rx_grefs[id];
		prod++;
	}
	nf->rx.req_prod_pvt = prod;
	RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&nf->rx, must_notify);
	if (must_notify)
		notify(nf);
}

void netfront_io_reset(struct netfront *nf)
{
	netfront_tx_ids_init(&nf->tx_ids);
	netfront_rx_ids_init(&nf->rx_ids);
	nf->rx_frame = (struct netfront_rx_frame){ 0 };
	rx_refill(nf);
}

static void deliver(struct netfront *nf)
{
	const struct netfront_rx_frame *f = &nf->rx_frame;
	struct netfront_rx_packet pkt = {
		.frags = nf->rx_frags,
		.nr_frags = f->nr_slots,
		.len = f->len,
		.flags = f->flags,
		.gso_type = f->gso_type,
		.gso_size = f->gso_size,
	};

	for (unsigned int i = 0; i < f->nr_slots; i++) {
		nf->rx_frags[i].data =
			(const char *)nf->rx_pages[f->slots[i].id] +
			f->slots[i].offset;
		nf->rx_frags[i].len = f->slots[i].len;
	}
	nf->stats.rx_packets++;
	nf->stats.rx_bytes += f->len;
	nf->rx_fn(nf->rx_arg, &pkt);
}

/* Responses the backend published, if it published no more than we asked. */
static bool responses_ready(struct netfront *nf, RING_IDX prod, RING_IDX cons,
			    RING_IDX req_prod, const char *why)
{
	if (prod - cons > req_prod - cons) {
		backend_broken(nf, why);
		return false;
	}
	return true;
}

static void rx_batch(struct netfront *nf)
{
	RING_IDX prod =
		__atomic_load_n(&nf->rx.sring->rsp_prod, __ATOMIC_ACQUIRE);
	RING_IDX cons = nf->rx.rsp_cons;

	if (!responses_ready(nf, prod, cons, nf->rx.req_prod_pvt,
			     "rx ring overrun"))
		return;
	for (; cons != prod && !nf->stopping; cons++) {
		union netfront_rx_raw s;
		enum netfront_rx_verdict v;

		s.raw = __atomic_load_n((uint64_t *)RING_GET_RESPONSE(&nf->rx,
								      cons),
					__ATOMIC_RELAXED);
		v = netfront_rx_feed(&nf->rx_frame, &nf->rx_ids, cons, s,
				     &nf->stats.rx_bad_responses);
		nf->rx.rsp_cons = cons + 1;
		if (v == NETFRONT_RX_FRAME)
			deliver(nf);
		else if (v == NETFRONT_RX_DROP)
			nf->stats.rx_dropped++;
		if (v != NETFRONT_RX_MORE)
			netfront_rx_frame_release(&nf->rx_frame, &nf->rx_ids);
		if ((cons + 1) % RX_REFILL_EVERY == 0)
			rx_refill(nf);
	}
	rx_refill(nf);
}

static void rx_poll(struct netfront *nf)
{
	int more;

	do {
		rx_batch(nf);
		if (nf->broken || nf->stopping)
			return;
		RING_FINAL_CHECK_FOR_RESPONSES(&nf->rx, more);
	} while (more);
}

static void tx_batch(struct netfront *nf)
{
	RING_IDX prod =
		__atomic_load_n(&nf->tx.sring->rsp_prod, __ATOMIC_ACQUIRE);
	RING_IDX cons = nf->tx.rsp_cons;

	if (!responses_ready(nf, prod, cons, nf->tx.req_prod_pvt,
			     "tx ring overrun"))
		return;
	for (; cons != prod; cons++) {
		union netfront_tx_raw s;

		s.raw = __atomic_load_n((uint32_t *)RING_GET_RESPONSE(&nf->tx,
								      cons),
					__ATOMIC_RELAXED);
		switch (netfront_tx_complete(&nf->tx_ids, s)) {
		case NETFRONT_TX_FAILED:
			nf->stats.tx_errors++;
			break;
		case NETFRONT_TX_BAD:
			/* As Linux does: a backend that answers what we never
			 * sent would strand our slots one by one. */
			nf->stats.tx_bad_responses++;
			backend_broken(nf, "tx answer to no request");
			break;
		default:
			break;
		}
	}
	nf->tx.rsp_cons = prod;
}

/* Take back the tx slots the backend is done with. Never sleeps. */
static void tx_reclaim(struct netfront *nf)
{
	int more;

	if (nf->suspended || !nf->connected)
		return;
	do {
		tx_batch(nf);
		if (nf->broken)
			return;
		RING_FINAL_CHECK_FOR_RESPONSES(&nf->tx, more);
	} while (more);
}

static void *vif_thread(void *arg)
{
	struct netfront *nf = arg;

	for (;;) {
		unsigned long flags = arch_irq_save();

		while (!nf->work && !nf->stopping)
			wait_queue_sleep(&nf->thread_wait, 0);
		nf->work = false;
		arch_irq_restore(flags);
		if (nf->stopping)
			return NULL;
		if (nf->broken || nf->suspended)
			continue;
		netfront_hotplug_work(nf);
		if (!nf->connected)
			continue;
		tx_reclaim(nf);
		wake_up_all(&nf->tx_wait);
		rx_poll(nf);
	}
}

int netfront_io_start(struct netfront *nf)
{
	char name[THREAD_NAME_MAX];

	ksnprintf(name, sizeof(name), "netfront/%lu", nf->devid);
	nf->work = true;
	return thread_create(&nf->thread, name, vif_thread, nf);
}

void netfront_io_stop(struct netfront *nf)
{
	if (!nf->thread)
		return;
	nf->stopping = true;
	wake_up_one(&nf->thread_wait);
	thread_join(nf->thread, NULL);
	nf->thread = NULL;
}

static size_t frame_len(const struct netfront_tx_packet *pkt)
{
	size_t len = 0;

	for (unsigned int i = 0; i < pkt->nr_frags; i++)
		len += pkt->frags[i].len;
	return len;
}

static bool tx_room(struct netfront *nf, unsigned int slots, unsigned int reqs)
{
	return RING_FREE_REQUESTS(&nf->tx) >= reqs &&
	       nf->tx_ids.nr_free >= slots;
}

/* Wait, events masked, until the ring has room; false at the deadline. */
static bool wait_tx_room(struct netfront *nf, unsigned int slots,
			 unsigned int reqs)
{
	uint64_t deadline = monotonic_ns() + TX_WAIT_NS;
	unsigned long flags = arch_irq_save();
	bool room;

	for (;;) {
		tx_reclaim(nf);
		room = tx_room(nf, slots, reqs);
		if (room || nf->broken || nf->suspended || !nf->connected ||
		    !wait_queue_sleep(&nf->tx_wait, deadline))
			break;
	}
	arch_irq_restore(flags);
	return room || tx_room(nf, slots, reqs);
}

static uint16_t first_slot_flags(const struct netfront_tx_packet *pkt)
{
	uint16_t flags = 0;

	if (pkt->flags & NETFRONT_PKT_CSUM_BLANK)
		flags |= NETTXF_csum_blank | NETTXF_data_validated;
	else if (pkt->flags & NETFRONT_PKT_CSUM_VALID)
		flags |= NETTXF_data_validated;
	if (pkt->gso_type != NETFRONT_GSO_NONE)
		flags |= NETTXF_extra_info;
	return flags;
}

/* Built whole and stored in one go: the slot is shared memory. */
static void put_gso_extra(struct netfront *nf, RING_IDX at,
			  const struct netfront_tx_packet *pkt)
{
	union {
		uint64_t raw;
		struct netif_extra_info x;
	} e = { .raw = 0 };

	e.x.type = XEN_NETIF_EXTRA_TYPE_GSO;
	e.x.u.gso.size = pkt->gso_size;
	e.x.u.gso.type = pkt->gso_type == NETFRONT_GSO_TCPV4 ?
				 XEN_NETIF_GSO_TYPE_TCPV4 :
				 XEN_NETIF_GSO_TYPE_TCPV6;
	__atomic_store_n((uint64_t *)(void *)RING_GET_REQUEST(&nf->tx, at),
			 e.raw, __ATOMIC_RELAXED);
}

/* Fill slots whose pages hold the frame; the first carries its size. */
static void put_requests(struct netfront *nf,
			 const struct netfront_tx_packet *pkt, size_t len,
			 const uint16_t *ids, unsigned int slots)
{
	RING_IDX prod = nf->tx.req_prod_pvt;
	int must_notify;

	for (unsigned int i = 0; i < slots; i++) {
		netif_tx_request_t *req = RING_GET_REQUEST(&nf->tx, prod++);
		size_t left = len - (size_t)i * NETFRONT_PAGE_SIZE;

		req->gref = nf->tx_grefs[ids[i]];
		req->offset = 0;
		req->id = ids[i];
		req->size = (uint16_t)(i ? (left < NETFRONT_PAGE_SIZE ?
						    left :
						    NETFRONT_PAGE_SIZE) :
					   len);
		req->flags = i + 1 < slots ? NETTXF_more_data : 0;
		if (!i) {
			req->flags |= first_slot_flags(pkt);
			if (pkt->gso_type != NETFRONT_GSO_NONE)
				put_gso_extra(nf, prod++, pkt);
		}
	}
	nf->tx.req_prod_pvt = prod;
	RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&nf->tx, must_notify);
	if (must_notify)
		notify(nf);
}

int netfront_xmit(struct netfront *nf, const struct netfront_tx_packet *pkt)
{
	size_t len = frame_len(pkt);
	unsigned int slots, reqs;
	uint16_t ids[NETFRONT_RX_MAX_SLOTS];
	void *pages[NETFRONT_RX_MAX_SLOTS];
	int rc = netfront_tx_check(pkt, len, nf->features, nf->max_frame);

	if (rc < 0)
		return rc;
	if (!nf->open || nf->broken || !nf->connected)
		return -ENOTCONN;
	slots = netfront_tx_slots(len);
	reqs = slots + (pkt->gso_type != NETFRONT_GSO_NONE);
	/* Suspended: the frame is dropped, as on a cable unplugged for a
	 * moment; TCP sends it again. The wait may see the vif unplugged. */
	if (nf->suspended || !wait_tx_room(nf, slots, reqs) || nf->suspended ||
	    !nf->connected) {
		nf->stats.tx_errors++;
		return nf->broken || !nf->connected ? -ENOTCONN : -ENOBUFS;
	}
	for (unsigned int i = 0; i < slots; i++) {
		ids[i] = (uint16_t)netfront_tx_ids_get(&nf->tx_ids);
		pages[i] = nf->tx_pages[ids[i]];
	}
	netfront_tx_gather(pages, pkt->frags, pkt->nr_frags, &nf->stats.copies);
	put_requests(nf, pkt, len, ids, slots);
	nf->stats.tx_packets++;
	nf->stats.tx_bytes += len;
	return 0;
}
