/*
 * The two event-channel ABIs behind kernel/evtchn.c. Each finds pending
 * ports its own way and calls evtchn_dispatch() for every one.
 */
#ifndef KERNEL_EVTCHN_ABI_H
#define KERNEL_EVTCHN_ABI_H

#include "kernel/evtchn.h"

struct evtchn_abi {
	const char *name;
	/* Make port usable (FIFO: grow the event array to cover it). */
	int (*setup_port)(evtchn_port_t port);
	void (*mask)(evtchn_port_t port);
	/* Clear the mask bit; returns nonzero if the port is pending. */
	int (*clear_mask)(evtchn_port_t port);
	/* Find pending unmasked ports, clear them, dispatch each. */
	void (*handle_pending)(void);
	/* In a new domain after a restore: hand Xen our structures again;
	 * every port starts masked. */
	int (*resume)(void);
};

/* Return 0 when the ABI is now in use; FIFO returns -ENOSYS when Xen
 * does not offer it, and any other error is fatal. */
int evtchn_fifo_init(const struct evtchn_abi **abi);
int evtchn_2l_init(const struct evtchn_abi **abi);

void evtchn_dispatch(evtchn_port_t port);

#endif
