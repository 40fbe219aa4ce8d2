/*
 * Event channels: per-port handlers on top of whichever event ABI Xen
 * offers (FIFO preferred, 2-level as fallback). Handlers run in the
 * upcall with events masked, so they must be short: wake a thread,
 * note work, return.
 */
#ifndef KERNEL_EVTCHN_H
#define KERNEL_EVTCHN_H

#include <stdint.h>
#include <xen/xen.h>
#include <xen/event_channel.h>

/* Ports we keep handlers for; larger ports are refused and closed. */
#define EVTCHN_MAX_PORTS 1024

typedef void (*evtchn_handler_t)(evtchn_port_t port, void *arg);

/* Choose the ABI and hook the upcall. Logs the ABI in use. */
int evtchn_init(void);
const char *evtchn_abi_name(void);

/*
 * After a restore into a new domain (events masked): forget every port's
 * handler and set the ABI up again. Whoever held a port binds a new one.
 */
int evtchn_resume(void);

/* Attach fn to an already-bound port and unmask it. */
int evtchn_bind(evtchn_port_t port, evtchn_handler_t fn, void *arg);

/* Each returns the new local port, or a negative errno. */
int evtchn_bind_virq(uint32_t virq, evtchn_handler_t fn, void *arg);
int evtchn_bind_interdomain(domid_t remote_dom, evtchn_port_t remote_port,
			    evtchn_handler_t fn, void *arg);
int evtchn_alloc_unbound(domid_t remote_dom, evtchn_handler_t fn, void *arg);

int evtchn_send(evtchn_port_t port);
void evtchn_mask(evtchn_port_t port);
void evtchn_unmask(evtchn_port_t port);

/* Detach the handler and close the port. */
int evtchn_close(evtchn_port_t port);

#endif
