/*
 * Checksum offload and TSO on the vif tx path. A TCP segment leaves
 * lwIP with its checksum field zero (the netif's GEN_TCP is off when
 * the backend offloads checksums); here it gets the pseudo-header sum
 * and NETFRONT_PKT_CSUM_BLANK, or, when the backend offloads only the
 * other IP version, its full checksum in software. A segment larger
 * than the MTU (TSO, lwIP patch 0002) goes out as GSO with the
 * connection's MSS.
 */
#include "lwip/ip.h"
#include "lwip/prot/ethernet.h"
#include "lwip/prot/ip4.h"
#include "lwip/prot/ip6.h"
#include "lwip/prot/tcp.h"
#include "lwip/tcp.h"
#include "net/lwip_hooks.h"
#include "net/vif.h"

#define TCP_CSUM_OFFSET 16
/* Largest TSO segment payload: IPv4's 16-bit total length, less headers. */
#define TSO_MAX_PAYLOAD (65535 - 20 - 60)

/* Where a frame's TCP header is, if it is TCP the offloads apply to. */
struct tcp_frame {
	bool ipv6;
	const u8_t *src, *dst; /* addresses in the IP header */
	unsigned int addr_len;
	size_t l4_off; /* TCP header offset in the frame */
	size_t l4_len; /* TCP header and payload */
	size_t tcp_hlen;
};

static unsigned int be16(const u8_t *p)
{
	return (unsigned int)p[0] << 8 | p[1];
}

static bool parse_ipv4(const u8_t *ip, size_t avail, struct tcp_frame *f)
{
	size_t ihl, total;

	if (avail < IP_HLEN || (ip[0] >> 4) != 4)
		return false;
	ihl = (size_t)(ip[0] & 0xf) * 4;
	total = be16(ip + 2);
	/* Not a fragment: more-fragments or an offset means no. */
	if (ip[9] != IP_PROTO_TCP || ihl < IP_HLEN || total < ihl ||
	    (be16(ip + 6) & 0x3fff))
		return false;
	f->ipv6 = false;
	f->src = ip + 12;
	f->dst = ip + 16;
	f->addr_len = 4;
	f->l4_off = SIZEOF_ETH_HDR + ihl;
	f->l4_len = total - ihl;
	return true;
}

static bool parse_ipv6(const u8_t *ip, size_t avail, struct tcp_frame *f)
{
	/* lwIP puts no extension header before TCP. */
	if (avail < IP6_HLEN || (ip[0] >> 4) != 6 || ip[6] != IP6_NEXTH_TCP)
		return false;
	f->ipv6 = true;
	f->src = ip + 8;
	f->dst = ip + 24;
	f->addr_len = 16;
	f->l4_off = SIZEOF_ETH_HDR + IP6_HLEN;
	f->l4_len = be16(ip + 4);
	return true;
}

/* Headers are in the first pbuf: lwIP builds them there. */
static bool parse_tcp_frame(const struct pbuf *p, struct tcp_frame *f)
{
	const u8_t *frame = p->payload;
	unsigned int type;

	if (p->len < SIZEOF_ETH_HDR)
		return false;
	type = be16(frame + 12);
	if (type == ETHTYPE_IP) {
		if (!parse_ipv4(frame + SIZEOF_ETH_HDR, p->len - SIZEOF_ETH_HDR,
				f))
			return false;
	} else if (type == ETHTYPE_IPV6) {
		if (!parse_ipv6(frame + SIZEOF_ETH_HDR, p->len - SIZEOF_ETH_HDR,
				f))
			return false;
	} else {
		return false;
	}
	if (p->len < f->l4_off + TCP_HLEN ||
	    f->l4_off + f->l4_len != p->tot_len)
		return false;
	f->tcp_hlen = (size_t)(frame[f->l4_off + 12] >> 4) * 4;
	return f->tcp_hlen >= TCP_HLEN && f->tcp_hlen <= f->l4_len;
}

/* One's-complement sum of the pseudo header, folded, not inverted. */
static u16_t pseudo_sum(const struct tcp_frame *f)
{
	u32_t sum = IP_PROTO_TCP + (u32_t)(f->l4_len & 0xffff) +
		    (u32_t)(f->l4_len >> 16);

	for (unsigned int i = 0; i < f->addr_len; i += 2)
		sum += be16(f->src + i) + be16(f->dst + i);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (u16_t)sum;
}

static void store_be16(struct pbuf *p, size_t off, u16_t v)
{
	u8_t *b = (u8_t *)p->payload + off;

	b[0] = (u8_t)(v >> 8);
	b[1] = (u8_t)v;
}

/* The full checksum: sum of the segment with the pseudo sum in place. */
static u16_t software_checksum(const struct pbuf *p, size_t l4_off)
{
	u64_t sum = 0;
	size_t pos = 0; /* offset within the frame */

	for (const struct pbuf *q = p; q; q = q->next) {
		const u8_t *b = q->payload;

		for (size_t i = 0; i < q->len; i++, pos++) {
			if (pos < l4_off)
				continue;
			sum += ((pos - l4_off) & 1) ? b[i] : (u32_t)b[i] << 8;
		}
	}
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (u16_t) ~(u16_t)sum;
}

static bool offloads_version(const struct vif *vif, bool ipv6)
{
	return vif->features & (ipv6 ? NETFRONT_F_CSUM_IPV6 : NETFRONT_F_CSUM);
}

static bool tso_version(const struct vif *vif, bool ipv6)
{
	return vif->features &
	       (ipv6 ? NETFRONT_F_GSO_TCPV6 : NETFRONT_F_GSO_TCPV4);
}

static void pick_gso(struct vif *vif, const struct pbuf *p,
		     const struct tcp_frame *f, struct netfront_tx_packet *pkt)
{
	size_t hdrs = f->l4_off - SIZEOF_ETH_HDR + f->tcp_hlen;
	uint16_t mss = vif->tx_mss;

	if (p->tot_len <= vif->max_frame || !tso_version(vif, f->ipv6))
		return;
	/* Queued behind ARP, sent later: cut at what the MTU allows. */
	if (mss == 0 || mss + hdrs > vif->netif.mtu)
		mss = (uint16_t)(vif->netif.mtu - hdrs);
	pkt->gso_type = f->ipv6 ? NETFRONT_GSO_TCPV6 : NETFRONT_GSO_TCPV4;
	pkt->gso_size = mss;
}

void vif_tx_offload(struct vif *vif, struct pbuf *p,
		    struct netfront_tx_packet *pkt)
{
	struct tcp_frame f;

	if ((vif->netif.chksum_flags & NETIF_CHECKSUM_GEN_TCP) ||
	    !parse_tcp_frame(p, &f))
		return;
	store_be16(p, f.l4_off + TCP_CSUM_OFFSET, pseudo_sum(&f));
	if (!offloads_version(vif, f.ipv6)) {
		store_be16(p, f.l4_off + TCP_CSUM_OFFSET,
			   software_checksum(p, f.l4_off));
		return;
	}
	pkt->flags |= NETFRONT_PKT_CSUM_BLANK;
	pick_gso(vif, p, &f, pkt);
}

uint16_t vif_tso_seg_size(struct tcp_pcb *pcb, uint16_t mss_local)
{
	struct netif *netif = ip_route(&pcb->local_ip, &pcb->remote_ip);
	struct vif *vif = vif_of_netif(netif);
	u32_t size;

	/* Before the handshake ends snd_wnd_max is not the peer's yet. */
	if (pcb->state != ESTABLISHED && pcb->state != CLOSE_WAIT)
		return mss_local;
	if (!vif || !tso_version(vif, IP_IS_V6(&pcb->remote_ip)) ||
	    !offloads_version(vif, IP_IS_V6(&pcb->remote_ip)) ||
	    mss_local < pcb->mss)
		return mss_local;
	/*
	 * Whole MSS, within half the peer's largest window. The size must
	 * never shrink (tcp_write appends to the last segment up to it),
	 * so it does not follow cwnd: tcp_output cuts a segment the window
	 * cannot take yet (patch 0002).
	 */
	size = LWIP_MIN(TSO_MAX_PAYLOAD, pcb->snd_wnd_max / 2);
	size -= size % pcb->mss;
	return (uint16_t)LWIP_MAX(size, mss_local);
}

void vif_tso_tx_mss(struct netif *netif, uint16_t mss)
{
	struct vif *vif = vif_of_netif(netif);

	if (vif)
		vif->tx_mss = mss;
}

int vif_tso_active(struct netif *netif)
{
	struct vif *vif = vif_of_netif(netif);

	return vif && vif->tx_mss &&
	       (vif->features & (NETFRONT_F_GSO_TCPV4 | NETFRONT_F_GSO_TCPV6));
}
