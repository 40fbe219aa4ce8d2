/*
 * What the stack does when netfront says the vif moved, went or came
 * back. The netif stays in lwIP throughout, so sockets bound to its
 * addresses live on: while the vif is unplugged its link is down (lwIP
 * routes nothing through it, and TCP retransmits), and when a vif of
 * the same device id is plugged back in the link comes up again, with
 * the new MAC if it changed, and the addresses are announced.
 */
#include "kernel/printk.h"
#include "lwip/tcpip.h"
#include "net/vif.h"

static void link_up(struct vif *vif)
{
	netfront_mac(vif->nf, vif->netif.hwaddr);
	netif_set_link_up(&vif->netif);
	vif_announce(vif);
}

void vif_event(void *arg, enum netfront_event event)
{
	struct vif *vif = arg;

	if (!vif->ready)
		return;
	LOCK_TCPIP_CORE();
	if (event == NETFRONT_EV_UNPLUGGED)
		netif_set_link_down(&vif->netif);
	else if (event == NETFRONT_EV_PLUGGED)
		link_up(vif);
	else
		vif_announce(vif);
	UNLOCK_TCPIP_CORE();
	if (event == NETFRONT_EV_UNPLUGGED)
		printk("net: %s: link down: the vif was unplugged\n",
		       vif->name);
	else if (event == NETFRONT_EV_PLUGGED)
		printk("net: %s: link up: the vif is back, addresses "
		       "announced\n",
		       vif->name);
	else
		printk("net: %s: back after a move, addresses announced\n",
		       vif->name);
}
