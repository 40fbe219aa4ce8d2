/*
 * The network stack's entry points for the rest of Petrel (the sockets
 * layer, lib/net.c). The stack starts lazily: the first net_start()
 * brings up lwIP, the loopback interface (127.0.0.1, ::1) and one
 * interface per vif; nothing else in the kernel refers to net/, so an
 * image that never uses the network does not contain it.
 */
#ifndef NET_NET_H
#define NET_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Start the stack if it is not running yet. Idempotent and safe from
 * any thread; later callers wait for the first to finish. On return
 * the stack and loopback are up, whatever the vifs did.
 */
void net_start(void);

/* From now on, exit waits (boundedly) for sent TCP data to be
 * acknowledged (net/drain.c); net_start() arranges it. */
void net_drain_at_exit(void);

/* How many vifs net_start() found (0 before it ran). */
unsigned int net_vif_count(void);

/*
 * Wait until some vif has an IPv4 address, or until deadline_ns
 * (absolute monotonic; 0 = do not wait). 0, -ETIMEDOUT, or -ENODEV
 * when the domain has no vif.
 */
int net_wait_ipv4(uint64_t deadline_ns);

/*
 * The n'th usable address of vif (IPv4: n = 0 only; IPv6: valid ones),
 * as text with its prefix length. 0, -ENODEV (no such vif), -ENOENT (no
 * such address) or -ENOSPC (buf too small).
 */
int net_address_text(unsigned int vif, bool ipv6, unsigned int n, char *buf,
		     size_t size);

#endif
