/*
 * Address configuration of a vif: IPv4 from the vif's xenstore "ip"
 * key (written by xl from vif=['ip=...']) when present, otherwise DHCP
 * with a bounded wait (PETREL_DHCP_TIMEOUT seconds, default 10) that
 * ends with a console message if no address came; IPv6 link-local and
 * SLAAC on every vif at once; DNS servers from DHCP, or from
 * PETREL_DNS=addr[,addr]. One console line per change says the vif's
 * addresses and where each came from.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kernel/printk.h"
#include "kernel/xenstore.h"
#include "lwip/dhcp.h"
#include "lwip/dns.h"
#include "lwip/timeouts.h"
#include "net/vif.h"

#define DHCP_TIMEOUT_DEFAULT_S 10
#define DHCP_TIMEOUT_MAX_S 3600
#define LOG_LINE_MAX 512
#define ENV_DNS_MAX 128

/* The vif's "ip" key lives in its backend's directory. */
static int read_ip_key(struct vif *vif, char *buf, size_t size)
{
	char path[256], backend[200];
	int rc;

	snprintf(path, sizeof(path), "%s/backend", netfront_nodename(vif->nf));
	rc = xenstore_read(path, backend, sizeof(backend));
	if (rc < 0)
		return rc;
	snprintf(path, sizeof(path), "%s/ip", backend);
	return xenstore_read(path, buf, size);
}

void addrconf_read(struct vif *vif)
{
	char value[IPCONF_MAX_LEN];
	const char *why;

	if (read_ip_key(vif, value, sizeof(value)) < 0)
		return; /* no key: DHCP */
	if (ipconf_parse(value, &vif->conf, &why) < 0) {
		printk("net: %s: ignoring xenstore ip \"%s\": %s; using DHCP\n",
		       vif->name, value, why);
		return;
	}
	vif->have_conf = true;
	if (vif->conf.nr_ignored)
		printk("net: %s: xenstore ip \"%s\": using the first IPv4 "
		       "address, ignoring %u more\n",
		       vif->name, value, vif->conf.nr_ignored);
}

static unsigned int dhcp_timeout_s(void)
{
	const char *env = getenv("PETREL_DHCP_TIMEOUT");
	char *end;
	unsigned long v;

	if (!env || !*env)
		return DHCP_TIMEOUT_DEFAULT_S;
	v = strtoul(env, &end, 10);
	if (*end || v == 0 || v > DHCP_TIMEOUT_MAX_S) {
		printk("net: PETREL_DHCP_TIMEOUT=%s is not 1..%d seconds; "
		       "using %d\n",
		       env, DHCP_TIMEOUT_MAX_S, DHCP_TIMEOUT_DEFAULT_S);
		return DHCP_TIMEOUT_DEFAULT_S;
	}
	return (unsigned int)v;
}

/* PETREL_DNS overrides what DHCP says; called after each change. */
static void apply_env_dns(void)
{
	const char *env = getenv("PETREL_DNS");
	char list[ENV_DNS_MAX], *word, *save;
	u8_t index = 0;

	if (!env || !*env)
		return;
	snprintf(list, sizeof(list), "%s", env);
	for (word = strtok_r(list, ", ", &save);
	     word && index < DNS_MAX_SERVERS;
	     word = strtok_r(NULL, ", ", &save)) {
		ip_addr_t addr;

		if (!ipaddr_aton(word, &addr)) {
			printk("net: PETREL_DNS: \"%s\" is not an address\n",
			       word);
			continue;
		}
		dns_setserver(index++, &addr);
	}
}

static void dhcp_deadline(void *arg)
{
	struct vif *vif = arg;

	if (dhcp_supplied_address(&vif->netif))
		return;
	printk("net: %s: no DHCP offer after %u s; no IPv4 address yet "
	       "(still asking)\n",
	       vif->name, dhcp_timeout_s());
}

static void start_ipv4(struct vif *vif)
{
	const struct ipconf *c = &vif->conf;
	ip4_addr_t ip, mask, gw;

	if (vif->have_conf && c->has_ipv4) {
		ip4_addr_set_u32(&ip, lwip_htonl(c->ipv4));
		ip4_addr_set_u32(&mask, lwip_htonl(c->netmask));
		ip4_addr_set_u32(&gw, lwip_htonl(c->gateway));
		vif->ipv4_source = "xenstore ip";
		netif_set_addr(&vif->netif, &ip, &mask, &gw);
		return;
	}
	if (dhcp_start(&vif->netif) != ERR_OK) {
		printk("net: %s: cannot start DHCP\n", vif->name);
		return;
	}
	vif->ipv4_source = "dhcp";
	sys_timeout(dhcp_timeout_s() * 1000, dhcp_deadline, vif);
}

static void start_ipv6(struct vif *vif)
{
	netif_create_ip6_linklocal_address(&vif->netif, 1);
	netif_set_ip6_autoconfig_enabled(&vif->netif, 1);
	for (unsigned int i = 0; vif->have_conf && i < vif->conf.nr_ip6; i++) {
		ip6_addr_t a;
		s8_t idx;

		memcpy(&a.addr, vif->conf.ip6[i].addr, sizeof(a.addr));
		ip6_addr_clear_zone(&a);
		if (netif_add_ip6_address(&vif->netif, &a, &idx) == ERR_OK)
			vif->static_ip6 |= 1u << idx;
		else
			printk("net: %s: no room for a static IPv6 address\n",
			       vif->name);
	}
}

void addrconf_start(struct vif *vif)
{
	/* The address-change callback logs each address as it appears. */
	start_ipv6(vif);
	start_ipv4(vif);
	apply_env_dns();
}

static const char *ip6_source(const struct vif *vif, int i)
{
	const ip6_addr_t *a = netif_ip6_addr(&vif->netif, i);

	if (vif->static_ip6 & (1u << i))
		return "xenstore ip";
	return ip6_addr_islinklocal(a) ? "link-local" : "slaac";
}

static unsigned int prefix_len(u32_t mask_be)
{
	u32_t m = lwip_ntohl(mask_be);
	unsigned int n = 0;

	while (m & 0x80000000u) {
		n++;
		m <<= 1;
	}
	return n;
}

static int append_ipv4(const struct vif *vif, char *line, size_t size)
{
	const struct netif *n = &vif->netif;
	char ip[IP4ADDR_STRLEN_MAX], gw[IP4ADDR_STRLEN_MAX];

	if (ip4_addr_isany_val(*netif_ip4_addr(n)))
		return snprintf(line, size, " no IPv4 address%s",
				vif->ipv4_source ? " yet (dhcp)" : "");
	ip4addr_ntoa_r(netif_ip4_addr(n), ip, sizeof(ip));
	ip4addr_ntoa_r(netif_ip4_gw(n), gw, sizeof(gw));
	return snprintf(line, size, " %s/%u%s%s (%s)", ip,
			prefix_len(ip4_addr_get_u32(netif_ip4_netmask(n))),
			ip4_addr_isany_val(*netif_ip4_gw(n)) ? "" : " gw ",
			ip4_addr_isany_val(*netif_ip4_gw(n)) ? "" : gw,
			vif->ipv4_source);
}

void addrconf_log(struct vif *vif)
{
	char line[LOG_LINE_MAX];
	size_t len = 0;

	len += (size_t)append_ipv4(vif, line, sizeof(line));
	for (int i = 0; i < LWIP_IPV6_NUM_ADDRESSES && len < sizeof(line);
	     i++) {
		char a[IP6ADDR_STRLEN_MAX];

		if (!ip6_addr_isvalid(netif_ip6_addr_state(&vif->netif, i)))
			continue;
		net_ip6_text(netif_ip6_addr(&vif->netif, i), a, sizeof(a));
		len += (size_t)snprintf(line + len, sizeof(line) - len,
					", %s/64 (%s)", a, ip6_source(vif, i));
	}
	apply_env_dns();
	printk("net: %s%s\n", vif->name, line);
}
