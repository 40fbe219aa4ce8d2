/*
 * One vif as lwIP sees it: the netfront device under an lwIP netif,
 * with what the backend agreed to (checksum offload, TSO) and how the
 * interface got its addresses.
 */
#ifndef NET_VIF_H
#define NET_VIF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "kernel/drivers/netfront.h"
#include "lwip/netif.h"
#include "net/ipconf_parse.h"

#define VIF_MAX 8
#define VIF_NAME_MAX 8

struct vif {
	struct netif netif;
	struct netfront *nf;
	unsigned int index; /* eth<index> */
	char name[VIF_NAME_MAX];
	unsigned int features; /* NETFRONT_F_* */
	size_t max_frame;
	bool ready; /* netif added: rx frames go to lwIP */
	uint16_t tx_mss; /* set by lwIP around a TCP segment's output */
	const char *ipv4_source; /* "xenstore ip", "dhcp", NULL: none yet */
	bool dhcp_running;
	struct ipconf conf;
	bool have_conf;
	unsigned int static_ip6; /* bit i: IPv6 address i came from "ip" */
	uint64_t rx_dropped, tx_dropped;
};

/* lwIP's init callback for netif_add(); netif->state is the vif. */
err_t vif_netif_init(struct netif *netif);

/* The netfront rx callback (the vif's rx thread). */
void vif_rx(void *arg, const struct netfront_rx_packet *pkt);

/* The vif behind netif, or NULL for another kind of netif (loopback). */
struct vif *vif_of_netif(struct netif *netif);

/*
 * Prepare an outgoing frame's L4 checksum for the backend (tcpip
 * thread): fills *flags with NETFRONT_PKT_CSUM_BLANK and the pseudo-
 * header sum, or completes the checksum in software, and picks GSO.
 * p is the whole frame (Ethernet header first, in p's first buffer).
 */
void vif_tx_offload(struct vif *vif, struct pbuf *p,
		    struct netfront_tx_packet *pkt);

/* After a move or a re-plug, in the core lock: announce the vif's
 * addresses (net/announce.c). */
void vif_announce(struct vif *vif);

/* Netfront's events: a move, an unplug, a re-plug (net/vif_link.c). */
void vif_event(void *arg, enum netfront_event event);

/* Address configuration (net/addrconf.c). */
/* Read and parse the "ip" key (may sleep: call without the core lock). */
void addrconf_read(struct vif *vif);
/* Apply it (or start DHCP) and start IPv6, with the core lock held. */
void addrconf_start(struct vif *vif);
/* One console line: the vif's addresses and their sources. */
void addrconf_log(struct vif *vif);

/* An IPv6 address as text, in small letters (net/net_address.c). */
void net_ip6_text(const ip6_addr_t *addr, char *buf, size_t size);

/* The index'th vif net_start() opened, or NULL. */
struct vif *net_vif(unsigned int index);

#endif
