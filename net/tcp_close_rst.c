/*
 * The console line for lwIP's reset on close (LWIP_HOOK_TCP_CLOSE_RST,
 * lwIP patch 0004). Like Linux, lwIP answers close() on a connection
 * whose received data the application has not all read with a RST
 * instead of a FIN, and drops whatever it had not yet sent. The peer
 * then sees "connection reset" and may miss the end of the reply; this
 * line tells the user why, and how much was left on each side.
 */
#include "kernel/printk.h"
#include "lwip/ip_addr.h"
#include "lwip/tcp.h"
#include "net/lwip_hooks.h"

void tcp_close_rst_log(struct tcp_pcb *pcb)
{
	char peer[IPADDR_STRLEN_MAX];
	unsigned long unread = TCP_WND_MAX(pcb) - pcb->rcv_wnd;
	unsigned long unacked = pcb->snd_lbb - pcb->lastack;

	ipaddr_ntoa_r(&pcb->remote_ip, peer, sizeof(peer));
	printk("tcp: closing with unread data, sending RST (port %u, peer "
	       "%s port %u: %lu bytes not read%s, %lu bytes not yet acked "
	       "dropped)\n",
	       pcb->local_port, peer, pcb->remote_port, unread,
	       pcb->refused_data ? ", some refused" : "", unacked);
}
