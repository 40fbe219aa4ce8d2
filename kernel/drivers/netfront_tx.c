/*
 * Netfront tx slots and responses (see netfront_tx.h). A tx response
 * frees a slot only if it names one in flight, so a backend that
 * answers twice, or with a made-up id, cannot make us reuse a page it
 * may still be reading.
 */
#include "kernel/drivers/netfront_tx.h"
#include "kernel/lib/errno.h"
#include "kernel/lib/string.h"

void netfront_tx_ids_init(struct netfront_tx_ids *ids)
{
	for (unsigned int i = 0; i < NETFRONT_RING_SIZE; i++) {
		ids->inflight[i] = false;
		ids->free[i] = (uint16_t)(NETFRONT_RING_SIZE - 1 - i);
	}
	ids->nr_free = NETFRONT_RING_SIZE;
}

int netfront_tx_ids_get(struct netfront_tx_ids *ids)
{
	uint16_t id;

	if (!ids->nr_free)
		return -1;
	id = ids->free[--ids->nr_free];
	ids->inflight[id] = true;
	return id;
}

enum netfront_tx_verdict netfront_tx_complete(struct netfront_tx_ids *ids,
					      union netfront_tx_raw s)
{
	uint16_t id = s.rsp.id;
	int16_t status = s.rsp.status;

	if (status == NETIF_RSP_NULL)
		return NETFRONT_TX_NULL;
	if (id >= NETFRONT_RING_SIZE || !ids->inflight[id])
		return NETFRONT_TX_BAD;
	ids->inflight[id] = false;
	ids->free[ids->nr_free++] = id;
	if (status == NETIF_RSP_OKAY)
		return NETFRONT_TX_SENT;
	if (status == NETIF_RSP_ERROR || status == NETIF_RSP_DROPPED)
		return NETFRONT_TX_FAILED;
	return NETFRONT_TX_BAD;
}

unsigned int netfront_tx_slots(size_t len)
{
	return (unsigned int)((len + NETFRONT_PAGE_SIZE - 1) /
			      NETFRONT_PAGE_SIZE);
}

size_t netfront_tx_gather(void *const *pages, const struct netfront_frag *frags,
			  unsigned int nr_frags, uint64_t *copies)
{
	size_t done = 0;

	for (unsigned int i = 0; i < nr_frags; i++) {
		const char *src = frags[i].data;
		size_t left = frags[i].len;

		while (left) {
			size_t in_page = done % NETFRONT_PAGE_SIZE;
			size_t n = NETFRONT_PAGE_SIZE - in_page;

			if (n > left)
				n = left;
			memcpy((char *)pages[done / NETFRONT_PAGE_SIZE] +
				       in_page,
			       src, n);
			++*copies;
			src += n;
			left -= n;
			done += n;
		}
	}
	return done;
}

static bool is_ipv6(const struct netfront_tx_packet *pkt)
{
	const uint8_t *eth = pkt->frags[0].data;

	return pkt->frags[0].len >= NETFRONT_ETH_HLEN && eth[12] == 0x86 &&
	       eth[13] == 0xdd;
}

static int check_gso(const struct netfront_tx_packet *pkt,
		     unsigned int features)
{
	if (pkt->gso_type == NETFRONT_GSO_NONE)
		return 0;
	if (!pkt->gso_size || !(pkt->flags & NETFRONT_PKT_CSUM_BLANK))
		return -EINVAL;
	if (pkt->gso_type == NETFRONT_GSO_TCPV4)
		return features & NETFRONT_F_GSO_TCPV4 ? 0 : -EINVAL;
	if (pkt->gso_type == NETFRONT_GSO_TCPV6)
		return features & NETFRONT_F_GSO_TCPV6 ? 0 : -EINVAL;
	return -EINVAL;
}

int netfront_tx_check(const struct netfront_tx_packet *pkt, size_t len,
		      unsigned int features, size_t max_frame)
{
	size_t limit = pkt->gso_type == NETFRONT_GSO_NONE &&
				       !(features & NETFRONT_F_SG) ?
			       max_frame :
			       NETFRONT_TX_MAX_SIZE;

	if (!pkt->nr_frags || !pkt->frags[0].len || len < NETFRONT_ETH_HLEN ||
	    len > limit)
		return -EINVAL;
	if (!(features & NETFRONT_F_SG) && netfront_tx_slots(len) > 1)
		return -EINVAL;
	if (pkt->flags & NETFRONT_PKT_CSUM_BLANK) {
		unsigned int need = is_ipv6(pkt) ? NETFRONT_F_CSUM_IPV6 :
						   NETFRONT_F_CSUM;

		if (!(features & need))
			return -EINVAL;
	}
	return check_gso(pkt, features);
}
