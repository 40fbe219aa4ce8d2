/*
 * At exit, let the TCP data the app has handed over reach its peer.
 * A Linux process may write a reply, close and exit at once: the kernel
 * keeps sending. Here the domain stops at exit, so without this wait
 * the tail of a transfer (still unsent, or sent but not yet
 * acknowledged) would be lost. The wait ends when no byte has been
 * acknowledged for DRAIN_STALL_NS: a peer that has gone away must not
 * keep the domain alive, but a slow one must get its data. A fixed 5 s
 * cap lost an echo's last 256 bytes in the testbed (issue 8): a lost
 * segment is resent only after TCP's retransmission timeout (lwIP's
 * starts at 3 s and backs off), which under load outlasted the cap.
 */
#include <limits.h>
#include <stdbool.h>
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "lib/libc/exit.h"
#include "lwip/priv/tcp_priv.h"
#include "lwip/tcpip.h"
#include "net/net.h"

/* Several retransmission timeouts, backoff included. */
#define DRAIN_STALL_NS (30 * NSEC_PER_SEC)
#define DRAIN_POLL_NS (10 * NSEC_PER_MSEC)

/* Bytes queued on connections that can still deliver them. */
static unsigned long tcp_bytes_pending(void)
{
	unsigned long bytes = 0;

	LOCK_TCPIP_CORE();
	for (struct tcp_pcb *pcb = tcp_active_pcbs; pcb; pcb = pcb->next) {
		for (struct tcp_seg *s = pcb->unsent; s; s = s->next)
			bytes += s->len;
		for (struct tcp_seg *s = pcb->unacked; s; s = s->next)
			bytes += s->len;
	}
	UNLOCK_TCPIP_CORE();
	return bytes;
}

/* The hook that was set before ours (exit.h: hooks chain). */
static void (*next_before_exit)(void);

static void wait_for_acks(void)
{
	uint64_t deadline = 0;
	unsigned long pending, last = ULONG_MAX;

	while ((pending = tcp_bytes_pending()) != 0) {
		if (pending < last) { /* progress: the peer is there */
			last = pending;
			deadline = monotonic_ns() + DRAIN_STALL_NS;
		} else if (monotonic_ns() >= deadline) {
			printk("net: exit: %lu bytes of TCP data still "
			       "unacknowledged, none acknowledged for %llu s, "
			       "dropped\n",
			       pending, DRAIN_STALL_NS / NSEC_PER_SEC);
			return;
		}
		thread_sleep_ns(DRAIN_POLL_NS);
	}
}

static void drain_tcp(void)
{
	wait_for_acks();
	if (next_before_exit)
		next_before_exit();
}

void net_drain_at_exit(void)
{
	next_before_exit = libc_before_exit;
	libc_before_exit = drain_tcp;
}
