/*
 * Netfront transmit-side bookkeeping, as pure logic (unit-tested on the
 * host): which tx slots (each with its own page, granted once) the
 * backend holds, the checks each tx response passes, and the one copy
 * of a frame into its slots' pages.
 */
#ifndef KERNEL_DRIVERS_NETFRONT_TX_H
#define KERNEL_DRIVERS_NETFRONT_TX_H

#include <stdbool.h>
#include <stdint.h>
#include "kernel/drivers/netfront.h"
#include "kernel/drivers/netfront_rx.h"

/* The largest size a tx request's 16-bit size field can hold. */
#define NETFRONT_TX_MAX_SIZE XEN_NETIF_MAX_TX_SIZE

struct netfront_tx_ids {
	bool inflight[NETFRONT_RING_SIZE];
	uint16_t free[NETFRONT_RING_SIZE];
	unsigned int nr_free;
};

void netfront_tx_ids_init(struct netfront_tx_ids *ids);
/* A free slot id, now in flight; -1 if none. */
int netfront_tx_ids_get(struct netfront_tx_ids *ids);

/* One tx ring response as read from the shared page, in one load. */
union netfront_tx_raw {
	uint32_t raw;
	struct netif_tx_response rsp;
};

enum netfront_tx_verdict {
	NETFRONT_TX_SENT, /* slot released, frame sent */
	NETFRONT_TX_FAILED, /* slot released, the backend refused it */
	NETFRONT_TX_NULL, /* the answer to an extra-info slot: nothing */
	/* Not a slot in flight (nothing freed), or a slot in flight answered
	 * with a status netif.h does not define (the slot is freed: it has
	 * had its one answer). */
	NETFRONT_TX_BAD,
};

enum netfront_tx_verdict netfront_tx_complete(struct netfront_tx_ids *ids,
					      union netfront_tx_raw s);

/* Pages a frame of len bytes fills, one slot each. */
unsigned int netfront_tx_slots(size_t len);

/*
 * Copy the frame's frags into consecutive pages (NETFRONT_PAGE_SIZE
 * each, enough for netfront_tx_slots()); one memcpy per contiguous
 * piece, counted in *copies. Returns the bytes copied.
 */
size_t netfront_tx_gather(void *const *pages, const struct netfront_frag *frags,
			  unsigned int nr_frags, uint64_t *copies);

/*
 * -EINVAL unless the backend agreed to send this frame: its size, its
 * offloads (features: NETFRONT_F_*), a non-empty first fragment.
 */
int netfront_tx_check(const struct netfront_tx_packet *pkt, size_t len,
		      unsigned int features, size_t max_frame);

#endif
