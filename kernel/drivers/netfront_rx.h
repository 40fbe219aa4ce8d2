/*
 * Netfront receive-side bookkeeping, as pure logic (unit-tested on the
 * host): which rx buffers the backend holds, and the checks each rx
 * response passes before anything uses it. The backend is untrusted:
 * every response is read once into a local copy (the driver does that),
 * then judged here; nothing indexes with a backend value unchecked.
 */
#ifndef KERNEL_DRIVERS_NETFRONT_RX_H
#define KERNEL_DRIVERS_NETFRONT_RX_H

#include <stdbool.h>
#include <stdint.h>
#include <xen/io/netif.h>
#include "kernel/drivers/netfront.h"

/* Requests per ring: __CONST_RING_SIZE(netif_rx / netif_tx, 4096). */
#define NETFRONT_RING_SIZE 256u
#define NETFRONT_RING_MASK (NETFRONT_RING_SIZE - 1)
#define NETFRONT_PAGE_SIZE 4096u
#define NETFRONT_ETH_HLEN 14u
/* Data slots of one frame: a 64 KiB frame in pages, plus one. */
#define NETFRONT_RX_MAX_SLOTS XEN_NETIF_NR_SLOTS_MIN
/* Extra-info slots after one frame's first response. */
#define NETFRONT_RX_MAX_EXTRAS 4u

/* The rx buffers: buffer id i is page i, granted once at setup. */
struct netfront_rx_ids {
	uint16_t posted[NETFRONT_RING_SIZE]; /* id requested at each slot */
	bool outstanding[NETFRONT_RING_SIZE]; /* the backend holds it */
	uint16_t free[NETFRONT_RING_SIZE]; /* a stack of ids we hold */
	unsigned int nr_free;
};

void netfront_rx_ids_init(struct netfront_rx_ids *ids);
/* Hand a free buffer to the request at ring index pos; -1 if none. */
int netfront_rx_ids_post(struct netfront_rx_ids *ids, uint32_t pos);

struct netfront_rx_slot {
	uint16_t id, offset, len;
};

/* One frame being put together from its responses. */
struct netfront_rx_frame {
	struct netfront_rx_slot slots[NETFRONT_RX_MAX_SLOTS];
	unsigned int nr_slots, nr_extras;
	size_t len;
	unsigned int flags; /* NETFRONT_PKT_* */
	enum netfront_gso gso_type;
	uint16_t gso_size;
	bool started, more, extra, bad;
};

enum netfront_rx_verdict {
	NETFRONT_RX_MORE, /* the frame continues in the next response */
	NETFRONT_RX_FRAME, /* a whole, valid frame: deliver, then release */
	NETFRONT_RX_DROP, /* a whole frame with a bad part: release */
};

/* One rx ring slot as read from the shared page, in one 8-byte load. */
union netfront_rx_raw {
	uint64_t raw;
	struct netif_rx_response rsp;
	struct netif_extra_info extra;
};

/*
 * Judge the response read at ring index pos. Each bad response adds one
 * to *bad_responses. Buffers that carry no data for the frame go back
 * to the free list at once; the frame's own go back with
 * netfront_rx_frame_release() once the frame has been used.
 */
enum netfront_rx_verdict netfront_rx_feed(struct netfront_rx_frame *f,
					  struct netfront_rx_ids *ids,
					  uint32_t pos, union netfront_rx_raw s,
					  uint64_t *bad_responses);

/* Return the frame's buffers to the free list and start afresh. */
void netfront_rx_frame_release(struct netfront_rx_frame *f,
			       struct netfront_rx_ids *ids);

#endif
