/*
 * Xenstore client. For now a synchronous, polled subset (read, write)
 * used before event channels and threads exist; it grows into the full
 * client (watches, transactions) on the same wire codec.
 */
#ifndef KERNEL_XENSTORE_H
#define KERNEL_XENSTORE_H

#include <stddef.h>
#include <xen/xen.h>
#include <xen/event_channel.h>
#include <xen/io/xs_wire.h>

void xenstore_init(struct xenstore_domain_interface *intf,
		   evtchn_port_t port);

/* Paths without a leading '/' are relative to /local/domain/<domid>. */
int xenstore_write(const char *path, const char *value);

/* Read into buf (NUL-terminated); returns the value length. */
int xenstore_read(const char *path, char *buf, size_t size);

#endif
