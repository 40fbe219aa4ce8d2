/*
 * The parser of a vif's xenstore "ip" key, as xl's vif=['ip=...']
 * writes it: space-separated words, each one of
 *   A.B.C.D          an IPv4 address (netmask by address class)
 *   A.B.C.D/NN       an IPv4 address with its prefix length
 *   M.M.M.M          right after the first address: its netmask, and a
 *   G.G.G.G          plain address after that netmask is the gateway
 *                    (the "address netmask gateway" form Mini-OS uses)
 *   gw=G.G.G.G       the IPv4 gateway (also gateway=)
 *   X:...:Y[/NN]     an IPv6 address (prefix length 64 by default)
 * Further IPv4 addresses (the hotplug scripts' firewall lists) are
 * counted and ignored: an interface has one IPv4 address. Pure code,
 * unit-tested on the host (test/unit/test_ipconf.c).
 */
#ifndef NET_IPCONF_PARSE_H
#define NET_IPCONF_PARSE_H

#include <stdbool.h>
#include <stdint.h>

#define IPCONF_MAX_IP6 3
#define IPCONF_MAX_LEN 512

struct ipconf_ip6 {
	uint8_t addr[16];
	uint8_t prefix_len;
};

struct ipconf {
	bool has_ipv4;
	/* Host byte order; gateway 0 means none (on-link only). */
	uint32_t ipv4, netmask, gateway;
	unsigned int nr_ip6;
	struct ipconf_ip6 ip6[IPCONF_MAX_IP6];
	unsigned int nr_ignored; /* extra IPv4 addresses */
};

/*
 * Parse text into *out. Returns 0, or -EINVAL with *why pointing to a
 * static sentence saying what is wrong (never crashes on any input).
 */
int ipconf_parse(const char *text, struct ipconf *out, const char **why);

/* A dotted-quad IPv4 address, strictly; host byte order. */
bool ipconf_parse_ipv4(const char *s, unsigned int len, uint32_t *out);

/* An IPv6 address in RFC 4291 text form (with :: and a dotted tail). */
bool ipconf_parse_ipv6(const char *s, unsigned int len, uint8_t out[16]);

#endif
