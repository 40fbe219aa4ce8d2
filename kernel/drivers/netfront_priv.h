/*
 * The netfront driver's own state of one vif, shared by its files:
 * netfront.c (xenbus, setup, teardown) and netfront_io.c (the rings).
 */
#ifndef KERNEL_DRIVERS_NETFRONT_PRIV_H
#define KERNEL_DRIVERS_NETFRONT_PRIV_H

#include <stdbool.h>

/* The shared-ring barriers xen/io/ring.h expects (x86: TSO). */
#define xen_mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define xen_rmb() __atomic_thread_fence(__ATOMIC_ACQUIRE)
#define xen_wmb() __atomic_thread_fence(__ATOMIC_RELEASE)

#include <xen/io/netif.h>
#include "kernel/drivers/netfront.h"
#include "kernel/drivers/netfront_rx.h"
#include "kernel/drivers/netfront_tx.h"
#include "kernel/sched.h"
#include "kernel/suspend.h"
#include "kernel/xenbus.h"

struct netfront {
	struct xenbus_device *dev; /* NULL once closed */
	char nodename[XENBUS_PATH_MAX];
	unsigned long devid;
	uint8_t mac[NETFRONT_ETH_ALEN];
	unsigned int features; /* NETFRONT_F_* both sides agreed to */
	size_t max_frame;
	bool open, broken;
	/* Rings set up and the backend Connected (false while unplugged). */
	bool connected;
	/* Hot-plug work for the vif's thread: the backend left, or a vif
	 * of our device id was plugged back in. */
	bool unplug, replug;

	netif_tx_front_ring_t tx;
	netif_rx_front_ring_t rx;
	grant_ref_t tx_ring_ref, rx_ring_ref;
	evtchn_port_t port;
	bool have_port;
	void *tx_pages[NETFRONT_RING_SIZE];
	void *rx_pages[NETFRONT_RING_SIZE];
	grant_ref_t tx_grefs[NETFRONT_RING_SIZE];
	grant_ref_t rx_grefs[NETFRONT_RING_SIZE];
	unsigned int nr_tx_pages, nr_rx_pages; /* allocated and granted */
	struct netfront_tx_ids tx_ids;
	struct netfront_rx_ids rx_ids;
	struct netfront_rx_frame rx_frame;
	struct netfront_frag rx_frags[NETFRONT_RX_MAX_SLOTS];

	netfront_rx_fn rx_fn;
	void *rx_arg;
	struct thread *thread;
	struct wait_queue thread_wait; /* the rx thread sleeps here */
	struct wait_queue tx_wait; /* senders waiting for ring space */
	bool work, stopping;

	struct netfront_stats stats;

	/* Across a save/restore: the rings are left alone while suspended;
	 * the stack is told once the vif is back (gratuitous ARP...). */
	struct suspend_hook suspend;
	bool suspended;
	netfront_event_fn event_fn;
};

/* netfront.c: hot-unplug and plug, run by the vif's thread. */
void netfront_hotplug_work(struct netfront *nf);

/* netfront_io.c: the rings, run by the vif's thread. */
/* Fresh rings on a new backend: what the old one held is ours again. */
void netfront_io_reset(struct netfront *nf);
int netfront_io_start(struct netfront *nf);
void netfront_io_stop(struct netfront *nf);
void netfront_event(evtchn_port_t port, void *arg);

#endif
