/*
 * The lwIP netif over a netfront vif. Received frames are copied into
 * one pbuf and queued to the tcpip thread; outgoing pbuf chains become
 * a netfront fragment list (netfront copies them into its granted
 * pages, so no copy is made here). Checksums the backend validated are
 * not checked again.
 */
#include <stdlib.h>
#include <string.h>
#include "kernel/printk.h"
#include "lwip/etharp.h"
#include "lwip/ethip6.h"
#include "lwip/igmp.h"
#include "lwip/mld6.h"
#include "lwip/pbuf.h"
#include "lwip/tcpip.h"
#include "netif/ethernet.h"
#include "net/vif.h"

/* A free pbuf flag bit: the backend validated this frame's checksums. */
#define PBUF_FLAG_CSUM_VALID 0x80U
/* Fragments the tx path describes without copying; more are linearised. */
#define VIF_TX_FRAGS 64

static err_t vif_linkoutput(struct netif *netif, struct pbuf *p);

struct vif *vif_of_netif(struct netif *netif)
{
	return netif && netif->linkoutput == vif_linkoutput ? netif->state :
							      NULL;
}

/*
 * In the tcpip thread: hand the frame to lwIP, with TCP/UDP checksum
 * checks off for this frame alone when the backend vouched for it.
 */
static err_t vif_input(struct pbuf *p, struct netif *netif)
{
	const u16_t skip = NETIF_CHECKSUM_CHECK_TCP | NETIF_CHECKSUM_CHECK_UDP;
	u16_t saved = netif->chksum_flags;
	err_t err;

	if (!(p->flags & PBUF_FLAG_CSUM_VALID))
		return ethernet_input(p, netif);
	p->flags &= (u8_t)~PBUF_FLAG_CSUM_VALID;
	netif->chksum_flags &= (u16_t)~skip;
	err = ethernet_input(p, netif);
	netif->chksum_flags = saved;
	return err;
}

void vif_rx(void *arg, const struct netfront_rx_packet *pkt)
{
	struct vif *vif = arg;
	struct pbuf *p;
	size_t off = 0;

	if (!vif->ready || pkt->len == 0 || pkt->len > 0xffff) {
		vif->rx_dropped++;
		return;
	}
	p = pbuf_alloc(PBUF_RAW, (u16_t)pkt->len, PBUF_RAM);
	if (!p) {
		vif->rx_dropped++;
		return;
	}
	for (unsigned int i = 0; i < pkt->nr_frags; i++) {
		pbuf_take_at(p, pkt->frags[i].data, (u16_t)pkt->frags[i].len,
			     (u16_t)off);
		off += pkt->frags[i].len;
	}
	if (pkt->flags & (NETFRONT_PKT_CSUM_VALID | NETFRONT_PKT_CSUM_BLANK))
		p->flags |= PBUF_FLAG_CSUM_VALID;
	if (tcpip_inpkt(p, &vif->netif, vif_input) != ERR_OK) {
		pbuf_free(p);
		vif->rx_dropped++;
	}
}

/* Send a frame whose chain is too long to describe: one flat copy. */
static int xmit_flat(struct vif *vif, struct pbuf *p,
		     struct netfront_tx_packet *pkt)
{
	struct netfront_frag frag;
	void *buf = malloc(p->tot_len);
	int rc;

	if (!buf)
		return -1;
	pbuf_copy_partial(p, buf, p->tot_len, 0);
	frag.data = buf;
	frag.len = p->tot_len;
	pkt->frags = &frag;
	pkt->nr_frags = 1;
	rc = netfront_xmit(vif->nf, pkt);
	free(buf);
	return rc;
}

static err_t vif_linkoutput(struct netif *netif, struct pbuf *p)
{
	struct vif *vif = netif->state;
	struct netfront_frag frags[VIF_TX_FRAGS];
	struct netfront_tx_packet pkt = { 0 };
	unsigned int n = 0;
	struct pbuf *q;
	int rc;

	vif_tx_offload(vif, p, &pkt);
	for (q = p; q && n < VIF_TX_FRAGS; q = q->next) {
		if (q->len == 0)
			continue;
		frags[n].data = q->payload;
		frags[n].len = q->len;
		n++;
	}
	if (q) {
		rc = xmit_flat(vif, p, &pkt);
	} else {
		pkt.frags = frags;
		pkt.nr_frags = n;
		rc = netfront_xmit(vif->nf, &pkt);
	}
	if (rc < 0) {
		vif->tx_dropped++;
		return ERR_IF;
	}
	return ERR_OK;
}

err_t vif_netif_init(struct netif *netif)
{
	struct vif *vif = netif->state;
	u16_t csum = NETIF_CHECKSUM_ENABLE_ALL;

	netif->name[0] = 'e';
	netif->name[1] = 't';
	netif->hwaddr_len = ETH_HWADDR_LEN;
	netfront_mac(vif->nf, netif->hwaddr);
	netif->mtu = (u16_t)(vif->max_frame - SIZEOF_ETH_HDR);
	netif->mtu6 = netif->mtu;
	netif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP |
		       NETIF_FLAG_ETHERNET | NETIF_FLAG_IGMP | NETIF_FLAG_MLD6;
	netif->output = etharp_output;
	netif->output_ip6 = ethip6_output;
	netif->linkoutput = vif_linkoutput;
	/*
	 * With checksum offload, TCP checksums are left to the backend
	 * (vif_tx_offload fills the pseudo-header sum). UDP stays in
	 * software: the backend cannot finish the checksum of a datagram
	 * lwIP fragments, nor map a result of 0 to 0xffff as UDP needs.
	 */
	if (vif->features & (NETFRONT_F_CSUM | NETFRONT_F_CSUM_IPV6))
		csum &= (u16_t)~NETIF_CHECKSUM_GEN_TCP;
	NETIF_SET_CHECKSUM_CTRL(netif, csum);
	return ERR_OK;
}
