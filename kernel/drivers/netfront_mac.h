/*
 * The vif's MAC address from xenstore text ("00:16:3e:12:34:56"), as
 * pure logic: the toolstack writes it, but a bad value must not become
 * our address.
 */
#ifndef KERNEL_DRIVERS_NETFRONT_MAC_H
#define KERNEL_DRIVERS_NETFRONT_MAC_H

#include <stdint.h>
#include "kernel/drivers/netfront.h"

/*
 * Exactly six two-digit hex octets separated by ':' (either case), not
 * multicast, not all zero. 0, or -EINVAL leaving mac untouched.
 */
int netfront_parse_mac(const char *text, uint8_t mac[NETFRONT_ETH_ALEN]);

#endif
