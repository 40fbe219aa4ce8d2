/*
 * Declarations of the port's functions lwIP calls through the hook
 * macros in lwipopts.h (included by lwIP's sources via
 * LWIP_HOOK_FILENAME).
 */
#ifndef NET_LWIP_HOOKS_H
#define NET_LWIP_HOOKS_H

#include <stdint.h>

struct netif;
struct tcp_pcb;

/* lib/libc/fd.h: wakes every poll/select sleeper to re-check its fds. */
void fd_poll_wake(void);

/* TSO (patch 0002): the size tcp_write builds a pcb's segments at. */
uint16_t vif_tso_seg_size(struct tcp_pcb *pcb, uint16_t mss_local);
/* TSO: the MSS of the segment being handed to netif (0: none). */
void vif_tso_tx_mss(struct netif *netif, uint16_t mss);
/* TSO: whether a TCP segment for a TSO-capable netif is being output. */
int vif_tso_active(struct netif *netif);
/* tcp_close's reset of a connection with unread data (patch 0004). */
void tcp_close_rst_log(struct tcp_pcb *pcb);

#endif
