/*
 * Xenstore client. Requests are serialised (one in flight); replies and
 * watch events are read from the ring in the event upcall, so a reply
 * may arrive before, after or between watch events. Watch callbacks run
 * in the "xenwatch" thread and may issue requests themselves. Paths
 * without a leading '/' are relative to /local/domain/<domid>.
 * Every function returns a negative errno on failure.
 */
#ifndef KERNEL_XENSTORE_H
#define KERNEL_XENSTORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <xen/xen.h>
#include <xen/event_channel.h>
#include <xen/io/xs_wire.h>
#include "kernel/wait_list.h"

#define XS_TX_NONE 0
#define XS_WATCH_PATH_MAX 256

struct xenstore_watch {
	const char *path;
	void (*fn)(struct xenstore_watch *w, const char *changed_path);
	/* Private to the client. */
	char token[24];
	unsigned long pending;
	char changed[XS_WATCH_PATH_MAX];
	struct list_head link;
};

int xenstore_init(struct xenstore_domain_interface *intf, evtchn_port_t port);

/*
 * Across a suspend: suspend waits for the request in flight to end and
 * holds every other off; resume (in a new domain, events masked) takes
 * the ring and port the platform now names; done lets requests go again,
 * after registering every watch anew in a new domain. A transaction
 * that xenstore_transact() runs across a move is run again.
 */
void xenstore_suspend(void);
int xenstore_resume(struct xenstore_domain_interface *intf, evtchn_port_t port);
void xenstore_suspend_done(bool new_domain);

int xenstore_read_tx(uint32_t tx, const char *path, char *buf, size_t size);
int xenstore_write_tx(uint32_t tx, const char *path, const char *value);
int xenstore_mkdir(uint32_t tx, const char *path);
int xenstore_rm(uint32_t tx, const char *path);
/* NUL-separated child names into buf; returns the byte length. Walk
 * them with xs_wire_directory_next(). */
int xenstore_directory(uint32_t tx, const char *path, char *buf, size_t size);

/* Value length / 0, outside any transaction. */
int xenstore_read(const char *path, char *buf, size_t size);
int xenstore_write(const char *path, const char *value);

/* Strict decimal parse of a node that must hold a number <= max. */
int xenstore_read_ulong(uint32_t tx, const char *path, unsigned long max,
			unsigned long *out);

int xenstore_transaction_start(uint32_t *tx);
/* commit: -EAGAIN means a conflict, and the caller should retry. */
int xenstore_transaction_end(uint32_t tx, int commit);
/* Run body in a transaction, retrying on conflicts. */
int xenstore_transact(int (*body)(uint32_t tx, void *arg), void *arg);

/* The callback fires once right after registration, as xenstored does. */
int xenstore_watch_add(struct xenstore_watch *w);
int xenstore_watch_remove(struct xenstore_watch *w);

#endif
