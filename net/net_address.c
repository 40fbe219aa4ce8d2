/* net_address_text(): a vif's addresses as text, for petrel/net.h. */
#include <errno.h>
#include <stdio.h>
#include "lwip/tcpip.h"
#include "net/net.h"
#include "net/vif.h"

void net_ip6_text(const ip6_addr_t *addr, char *buf, size_t size)
{
	/* lwIP writes hex digits in capitals; RFC 5952 and Linux use small. */
	ip6addr_ntoa_r(addr, buf, (int)size);
	for (char *c = buf; *c; c++)
		if (*c >= 'A' && *c <= 'F')
			*c = (char)(*c - 'A' + 'a');
}

static int ipv4_text(struct netif *n, unsigned int index, char *buf,
		     size_t size)
{
	char a[IP4ADDR_STRLEN_MAX];
	u32_t mask = lwip_ntohl(ip4_addr_get_u32(netif_ip4_netmask(n)));
	unsigned int len = 0;

	if (index > 0 || ip4_addr_isany_val(*netif_ip4_addr(n)))
		return -ENOENT;
	while (mask & 0x80000000u) {
		len++;
		mask <<= 1;
	}
	ip4addr_ntoa_r(netif_ip4_addr(n), a, sizeof(a));
	return (size_t)snprintf(buf, size, "%s/%u", a, len) < size ? 0 :
								     -ENOSPC;
}

static int ipv6_text(struct netif *n, unsigned int index, char *buf,
		     size_t size)
{
	for (int i = 0; i < LWIP_IPV6_NUM_ADDRESSES; i++) {
		char a[IP6ADDR_STRLEN_MAX];

		if (!ip6_addr_isvalid(netif_ip6_addr_state(n, i)) || index--)
			continue;
		net_ip6_text(netif_ip6_addr(n, i), a, sizeof(a));
		return (size_t)snprintf(buf, size, "%s/64", a) < size ? 0 :
									-ENOSPC;
	}
	return -ENOENT;
}

int net_address_text(unsigned int index, bool ipv6, unsigned int n, char *buf,
		     size_t size)
{
	struct vif *vif = net_vif(index);
	int rc;

	if (!vif)
		return -ENODEV;
	LOCK_TCPIP_CORE();
	rc = ipv6 ? ipv6_text(&vif->netif, n, buf, size) :
		    ipv4_text(&vif->netif, n, buf, size);
	UNLOCK_TCPIP_CORE();
	return rc;
}
