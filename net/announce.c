/*
 * Telling the network where we are after a move (save/restore or
 * migration): the switch in front of us (dom0's bridge, or the new
 * host's) learns our MAC on its new port from these frames, and
 * neighbours refresh their caches. A gratuitous ARP for the IPv4
 * address, and for each valid IPv6 address an unsolicited neighbour
 * advertisement to all nodes with the override flag (RFC 4861 7.2.6),
 * which lwIP has no call for.
 */
#include <string.h>
#include "lwip/etharp.h"
#include "lwip/inet_chksum.h"
#include "lwip/ip6.h"
#include "lwip/prot/icmp6.h"
#include "lwip/prot/nd6.h"
#include "net/vif.h"

/* Every neighbour discovery packet goes out with the largest hop limit,
 * which receivers check (RFC 4861 7.1.2). */
#define ND_HOP_LIMIT 255

struct advert {
	struct na_header na;
	struct lladdr_option target_lladdr;
} __attribute__((packed));

static void advertise_ip6(struct netif *netif, const ip6_addr_t *addr)
{
	struct pbuf *p = pbuf_alloc(PBUF_IP, sizeof(struct advert), PBUF_RAM);
	struct advert *a;
	ip6_addr_t all_nodes;

	if (!p)
		return;
	a = p->payload;
	memset(a, 0, sizeof(*a));
	a->na.type = ICMP6_TYPE_NA;
	a->na.flags = ND6_FLAG_OVERRIDE;
	ip6_addr_copy_to_packed(a->na.target_address, *addr);
	a->target_lladdr.type = ND6_OPTION_TYPE_TARGET_LLADDR;
	a->target_lladdr.length = sizeof(a->target_lladdr) / 8;
	memcpy(a->target_lladdr.addr, netif->hwaddr, ETH_HWADDR_LEN);
	ip6_addr_set_allnodes_linklocal(&all_nodes);
	ip6_addr_assign_zone(&all_nodes, IP6_MULTICAST, netif);
	/* Always computed here: backends do not fill ICMPv6 checksums. */
	a->na.chksum =
		ip6_chksum_pseudo(p, IP6_NEXTH_ICMP6, p->len, addr, &all_nodes);
	ip6_output_if(p, addr, &all_nodes, ND_HOP_LIMIT, 0, IP6_NEXTH_ICMP6,
		      netif);
	pbuf_free(p);
}

void vif_announce(struct vif *vif)
{
	struct netif *netif = &vif->netif;

	if (!ip4_addr_isany_val(*netif_ip4_addr(netif)))
		etharp_gratuitous(netif);
	for (s8_t i = 0; i < LWIP_IPV6_NUM_ADDRESSES; i++)
		if (ip6_addr_isvalid(netif_ip6_addr_state(netif, i)))
			advertise_ip6(netif, netif_ip6_addr(netif, i));
}
