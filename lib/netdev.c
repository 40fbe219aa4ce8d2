/*
 * The public petrel/netdev.h API: raw frames over netfront. Received
 * frames wait in a short queue until the app takes them; when the app
 * is already waiting in petrel_netdev_recv, a frame goes straight into
 * its buffer (one copy), else into a queued copy (two). When the queue
 * is full the vif's rx thread waits for room a while, so a burst is
 * held back in the backend rather than dropped here.
 */
#include "arch/irq.h"
#include "arch/layout.h"
#include "kernel/drivers/netfront.h"
#include "kernel/lib/errno.h"
#include "kernel/lib/string.h"
#include "kernel/mm/mm.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "petrel/netdev.h"

#define NETDEV_MAX 16
#define QUEUE_LEN 64
#define OPEN_TIMEOUT_NS (30000 * NSEC_PER_MSEC)
/* How long the rx thread waits for the app to make room. */
#define ROOM_WAIT_NS (2000 * NSEC_PER_MSEC)

struct queued {
	void *buf;
	size_t len;
	struct petrel_netdev_meta meta;
};

/* An app sleeping in recv, offering its buffer. */
struct receiver {
	void *buf;
	size_t size, len;
	struct petrel_netdev_meta meta;
	bool done;
};

struct netdev {
	struct netfront *nf;
	struct queued q[QUEUE_LEN];
	unsigned int head, count;
	struct receiver *receiver;
	struct wait_queue avail, room;
	uint64_t copies, dropped, csum_blank, csum_valid, gso;
};

static struct netdev *devs[NETDEV_MAX];

static unsigned long pages_for(size_t len)
{
	return (len + PAGE_SIZE - 1) / PAGE_SIZE;
}

static void copy_frame(struct netdev *nd, void *dst, size_t size,
		       const struct netfront_rx_packet *pkt)
{
	size_t done = 0;

	for (unsigned int i = 0; i < pkt->nr_frags && done < size; i++) {
		size_t n = pkt->frags[i].len;

		if (n > size - done)
			n = size - done;
		memcpy((char *)dst + done, pkt->frags[i].data, n);
		nd->copies++;
		done += n;
	}
}

static struct petrel_netdev_meta meta_of(const struct netfront_rx_packet *pkt)
{
	return (struct petrel_netdev_meta){
		.flags = pkt->flags,
		.gso_type = pkt->gso_type,
		.gso_size = pkt->gso_type == NETFRONT_GSO_NONE ? 0 :
								 pkt->gso_size,
	};
}

static bool wait_for_room(struct netdev *nd)
{
	uint64_t deadline = monotonic_ns() + ROOM_WAIT_NS;
	unsigned long flags = arch_irq_save();

	while (nd->count == QUEUE_LEN && wait_queue_sleep(&nd->room, deadline))
		;
	arch_irq_restore(flags);
	return nd->count < QUEUE_LEN;
}

static void enqueue(struct netdev *nd, const struct netfront_rx_packet *pkt)
{
	struct queued *e;
	void *buf;

	if (!wait_for_room(nd) || !(buf = alloc_pages(pages_for(pkt->len)))) {
		nd->dropped++;
		return;
	}
	copy_frame(nd, buf, pkt->len, pkt);
	e = &nd->q[(nd->head + nd->count) % QUEUE_LEN];
	e->buf = buf;
	e->len = pkt->len;
	e->meta = meta_of(pkt);
	nd->count++;
	wake_up_one(&nd->avail);
}

static void on_rx(void *arg, const struct netfront_rx_packet *pkt)
{
	struct netdev *nd = arg;
	struct receiver *r = nd->receiver;

	nd->csum_blank += !!(pkt->flags & NETFRONT_PKT_CSUM_BLANK);
	nd->csum_valid += !!(pkt->flags & NETFRONT_PKT_CSUM_VALID);
	nd->gso += pkt->gso_type != NETFRONT_GSO_NONE;
	if (r && !nd->count) {
		copy_frame(nd, r->buf, r->size, pkt);
		r->len = pkt->len;
		r->meta = meta_of(pkt);
		r->done = true;
		nd->receiver = NULL;
		wake_up_all(&nd->avail);
		return;
	}
	enqueue(nd, pkt);
}

static struct netdev *get(int dev)
{
	if (dev < 0 || dev >= NETDEV_MAX)
		return NULL;
	return devs[dev];
}

int petrel_netdev_open(unsigned int index)
{
	struct netdev *nd;
	int rc = netfront_init();

	if (rc < 0)
		return rc;
	if (index >= (unsigned int)rc || index >= NETDEV_MAX)
		return -ENODEV;
	if (devs[index])
		return -EBUSY;
	nd = alloc_pages(pages_for(sizeof(*nd)));
	if (!nd)
		return -ENOMEM;
	wait_queue_init(&nd->avail);
	wait_queue_init(&nd->room);
	devs[index] = nd;
	rc = netfront_open(index, on_rx, nd, monotonic_ns() + OPEN_TIMEOUT_NS,
			   &nd->nf);
	if (rc < 0) {
		devs[index] = NULL;
		free_pages(nd, pages_for(sizeof(*nd)));
		return rc;
	}
	return (int)index;
}

int petrel_netdev_close(int dev)
{
	struct netdev *nd = get(dev);
	int rc;

	if (!nd)
		return -EBADF;
	rc = netfront_close(nd->nf);
	for (; nd->count; nd->count--, nd->head = (nd->head + 1) % QUEUE_LEN)
		free_pages(nd->q[nd->head].buf, pages_for(nd->q[nd->head].len));
	devs[dev] = NULL;
	free_pages(nd, pages_for(sizeof(*nd)));
	return rc;
}

int petrel_netdev_mac(int dev, uint8_t mac[6])
{
	struct netdev *nd = get(dev);

	if (!nd)
		return -EBADF;
	netfront_mac(nd->nf, mac);
	return 0;
}

int petrel_netdev_features(int dev)
{
	struct netdev *nd = get(dev);

	return nd ? (int)netfront_features(nd->nf) : -EBADF;
}

long petrel_netdev_max_frame(int dev)
{
	struct netdev *nd = get(dev);

	return nd ? (long)netfront_max_frame(nd->nf) : -EBADF;
}

_Static_assert(PETREL_NETDEV_PKT_CSUM_BLANK == NETFRONT_PKT_CSUM_BLANK &&
		       PETREL_NETDEV_PKT_CSUM_VALID ==
			       NETFRONT_PKT_CSUM_VALID &&
		       PETREL_NETDEV_GSO_TCPV4 == NETFRONT_GSO_TCPV4 &&
		       PETREL_NETDEV_GSO_TCPV6 == NETFRONT_GSO_TCPV6,
	       "netdev flags are netfront's");
_Static_assert(PETREL_NETDEV_F_CSUM == NETFRONT_F_CSUM &&
		       PETREL_NETDEV_F_SG == NETFRONT_F_SG &&
		       PETREL_NETDEV_F_GSO_TCPV4 == NETFRONT_F_GSO_TCPV4 &&
		       PETREL_NETDEV_F_GSO_TCPV6 == NETFRONT_F_GSO_TCPV6 &&
		       PETREL_NETDEV_F_CSUM_IPV6 == NETFRONT_F_CSUM_IPV6,
	       "netdev features are netfront's");

int petrel_netdev_send(int dev, const void *frame, size_t len)
{
	return petrel_netdev_sendm(dev, frame, len, NULL);
}

int petrel_netdev_sendm(int dev, const void *frame, size_t len,
			const struct petrel_netdev_meta *meta)
{
	struct netdev *nd = get(dev);
	struct netfront_frag frag = { frame, len };
	struct netfront_tx_packet pkt = { .frags = &frag, .nr_frags = 1 };

	if (!nd)
		return -EBADF;
	if (meta) {
		if (meta->gso_type > PETREL_NETDEV_GSO_TCPV6 ||
		    meta->gso_size > 0xffff)
			return -EINVAL;
		pkt.flags = meta->flags &
			    (NETFRONT_PKT_CSUM_BLANK | NETFRONT_PKT_CSUM_VALID);
		pkt.gso_type = (enum netfront_gso)meta->gso_type;
		pkt.gso_size = (uint16_t)meta->gso_size;
	}
	return netfront_xmit(nd->nf, &pkt);
}

static long dequeue(struct netdev *nd, void *buf, size_t size,
		    struct petrel_netdev_meta *meta)
{
	struct queued e = nd->q[nd->head];

	*meta = e.meta;
	nd->head = (nd->head + 1) % QUEUE_LEN;
	nd->count--;
	wake_up_one(&nd->room);
	if (size && e.len) {
		memcpy(buf, e.buf, e.len < size ? e.len : size);
		nd->copies++;
	}
	free_pages(e.buf, pages_for(e.len));
	return (long)e.len;
}

long petrel_netdev_recv(int dev, void *buf, size_t size,
			unsigned int timeout_ms)
{
	struct petrel_netdev_meta meta;

	return petrel_netdev_recvm(dev, buf, size, timeout_ms, &meta);
}

long petrel_netdev_recvm(int dev, void *buf, size_t size,
			 unsigned int timeout_ms,
			 struct petrel_netdev_meta *meta)
{
	struct netdev *nd = get(dev);
	struct receiver me = { .buf = buf, .size = size };
	uint64_t deadline = timeout_ms == PETREL_NETDEV_FOREVER ?
				    0 :
				    monotonic_ns() + timeout_ms * NSEC_PER_MSEC;
	unsigned long flags;
	long rc = -ETIMEDOUT;

	if (!nd)
		return -EBADF;
	flags = arch_irq_save();
	for (;;) {
		if (nd->count) {
			rc = dequeue(nd, buf, size, meta);
			break;
		}
		if (!nd->receiver)
			nd->receiver = &me;
		if (!timeout_ms || !wait_queue_sleep(&nd->avail, deadline) ||
		    me.done)
			break;
	}
	if (nd->receiver == &me)
		nd->receiver = NULL;
	arch_irq_restore(flags);
	if (me.done)
		*meta = me.meta;
	return me.done ? (long)me.len : rc;
}

int petrel_netdev_stats(int dev, struct petrel_netdev_stats *out)
{
	struct netdev *nd = get(dev);
	struct netfront_stats s;

	if (!nd)
		return -EBADF;
	netfront_stats(nd->nf, &s);
	*out = (struct petrel_netdev_stats){
		.rx_packets = s.rx_packets,
		.rx_bytes = s.rx_bytes,
		.rx_dropped = s.rx_dropped,
		.rx_bad_responses = s.rx_bad_responses,
		.tx_packets = s.tx_packets,
		.tx_bytes = s.tx_bytes,
		.tx_errors = s.tx_errors,
		.tx_bad_responses = s.tx_bad_responses,
		.driver_copies = s.copies,
		.queue_copies = nd->copies,
		.queue_dropped = nd->dropped,
		.rx_csum_blank = nd->csum_blank,
		.rx_csum_valid = nd->csum_valid,
		.rx_gso = nd->gso,
	};
	return 0;
}
