/*
 * The network, for apps. It comes up by itself on the first socket
 * call; petrel_net_wait() also brings it up and waits for an address.
 * Errors are negative errno values.
 */
#ifndef PETREL_NET_H
#define PETREL_NET_H

#include <stddef.h>

/*
 * Bring the network up and wait up to timeout_ms for an IPv4 address
 * on some vif: 0 once there is one, -ETIMEDOUT if none came in time,
 * -ENODEV when the domain has no vif (loopback still works).
 */
int petrel_net_wait(unsigned int timeout_ms);

/* How many vifs the network runs on (bringing it up if needed). */
int petrel_net_vifs(void);

#define PETREL_NET_IPV4 4
#define PETREL_NET_IPV6 6

/*
 * The n'th address (0-based) of family PETREL_NET_IPV4 or _IPV6 on vif
 * (0-based, in device order), as text with its prefix length, e.g.
 * "198.18.0.5/24" or "fe80::216:3eff:fe12:3456/64". IPv6 lists only
 * usable addresses (duplicate detection done). Returns 0, -ENODEV (no
 * such vif), -ENOENT (no such address), -ENOSPC (size too small) or
 * -EINVAL (bad family).
 */
int petrel_net_address(unsigned int vif, int family, unsigned int n, char *buf,
		       size_t size);

#endif
