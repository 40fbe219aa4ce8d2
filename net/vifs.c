/*
 * The vifs' netifs: net_start() opens each vif netfront found, adds its
 * netif (the first is the default route) and starts its address
 * configuration; net_wait_ipv4() waits until one has an IPv4 address.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kernel/printk.h"
#include "kernel/sync.h"
#include "kernel/time.h"
#include "lwip/tcpip.h"
#include "net/net.h"
#include "net/vif.h"
#include "net/vifs.h"

/* How long a vif's backend may take to connect. */
#define VIF_CONNECT_NS (10 * NSEC_PER_SEC)

static struct vif *vifs[VIF_MAX];
static unsigned int vif_count;

/* Address changes wake net_wait_ipv4 (tcpip thread -> waiters). */
static struct mutex addr_lock;
static struct cond addr_changed;
static netif_ext_callback_t addr_callback;

unsigned int net_vif_count(void)
{
	return vif_count;
}

/* Log when an address appears: IPv4 set, or an IPv6 one turns valid. */
static bool address_appeared(struct netif *netif, netif_nsc_reason_t reason,
			     const netif_ext_callback_args_t *args)
{
	if (reason &
	    (LWIP_NSC_IPV4_SETTINGS_CHANGED | LWIP_NSC_IPV4_ADDRESS_CHANGED))
		return !ip4_addr_isany_val(*netif_ip4_addr(netif));
	if (reason & LWIP_NSC_IPV6_ADDR_STATE_CHANGED) {
		s8_t i = args->ipv6_addr_state_changed.addr_index;

		return !ip6_addr_isvalid(
			       args->ipv6_addr_state_changed.old_state) &&
		       ip6_addr_isvalid(netif_ip6_addr_state(netif, i));
	}
	return false;
}

static void on_netif_event(struct netif *netif, netif_nsc_reason_t reason,
			   const netif_ext_callback_args_t *args)
{
	struct vif *vif = vif_of_netif(netif);

	if (!vif)
		return;
	if (address_appeared(netif, reason, args))
		addrconf_log(vif);
	cond_broadcast(&addr_changed);
}

/*
 * What the environment lets the stack use of the backend's offloads:
 * PETREL_TSO=0 turns TSO off, PETREL_CSUM_OFFLOAD=0 checksum offload
 * (and so TSO) too; for measurements and as a way out.
 */
static unsigned int offloads_allowed(void)
{
	const char *tso = getenv("PETREL_TSO");
	const char *csum = getenv("PETREL_CSUM_OFFLOAD");
	unsigned int mask = ~0u;

	if (tso && !strcmp(tso, "0"))
		mask &= ~(NETFRONT_F_GSO_TCPV4 | NETFRONT_F_GSO_TCPV6);
	if (csum && !strcmp(csum, "0"))
		mask &= ~(NETFRONT_F_CSUM | NETFRONT_F_CSUM_IPV6 |
			  NETFRONT_F_GSO_TCPV4 | NETFRONT_F_GSO_TCPV6);
	return mask;
}

static void log_offloads(const struct vif *vif)
{
	unsigned int f = vif->features;

	printk("net: %s: mtu %zu, offloads:%s%s%s%s%s\n", vif->name,
	       vif->max_frame - 14, f & NETFRONT_F_CSUM ? " csum" : "",
	       f & NETFRONT_F_CSUM_IPV6 ? " csum-ipv6" : "",
	       f & NETFRONT_F_SG ? " sg" : "",
	       f & NETFRONT_F_GSO_TCPV4 ? " tso4" : "",
	       f & NETFRONT_F_GSO_TCPV6 ? " tso6" : "");
}

static struct vif *vif_open(unsigned int index)
{
	struct vif *vif = calloc(1, sizeof(*vif));
	int rc;

	if (!vif)
		return NULL;
	vif->index = index;
	snprintf(vif->name, sizeof(vif->name), "eth%u", index);
	rc = netfront_open(index, vif_rx, vif, monotonic_ns() + VIF_CONNECT_NS,
			   &vif->nf);
	if (rc < 0) {
		printk("net: %s: cannot open the vif (%d)\n", vif->name, rc);
		free(vif);
		return NULL;
	}
	vif->features = netfront_features(vif->nf) & offloads_allowed();
	vif->max_frame = netfront_max_frame(vif->nf);
	netfront_on_event(vif->nf, vif_event);
	log_offloads(vif);
	addrconf_read(vif);
	return vif;
}

/* In the core lock: add the netif, bring it up, configure it. */
static void vif_add(struct vif *vif, bool is_default)
{
	netif_add_noaddr(&vif->netif, vif, vif_netif_init, tcpip_input);
	if (is_default)
		netif_set_default(&vif->netif);
	vif->ready = true;
	netif_set_up(&vif->netif);
	netif_set_link_up(&vif->netif);
	addrconf_start(vif);
}

void vifs_start(void)
{
	int n = netfront_init();

	mutex_init(&addr_lock);
	cond_init(&addr_changed);
	LOCK_TCPIP_CORE();
	netif_add_ext_callback(&addr_callback, on_netif_event);
	UNLOCK_TCPIP_CORE();
	if (n < 0) {
		printk("net: no vifs (%d)\n", n);
		return;
	}
	for (unsigned int i = 0; i < (unsigned int)n && i < VIF_MAX; i++) {
		struct vif *vif = vif_open(i);

		if (!vif)
			continue;
		LOCK_TCPIP_CORE();
		vif_add(vif, vif_count == 0);
		UNLOCK_TCPIP_CORE();
		vifs[vif_count++] = vif;
	}
}

static bool any_ipv4(void)
{
	bool found = false;

	LOCK_TCPIP_CORE();
	for (unsigned int i = 0; i < vif_count; i++)
		if (!ip4_addr_isany_val(*netif_ip4_addr(&vifs[i]->netif)))
			found = true;
	UNLOCK_TCPIP_CORE();
	return found;
}

int net_wait_ipv4(uint64_t deadline_ns)
{
	int rc = 0;

	if (!vif_count)
		return -ENODEV;
	mutex_lock(&addr_lock);
	while (!any_ipv4() && rc == 0) {
		if (monotonic_ns() >= deadline_ns)
			rc = -ETIMEDOUT;
		else
			rc = cond_wait(&addr_changed, &addr_lock, deadline_ns);
	}
	mutex_unlock(&addr_lock);
	return any_ipv4() ? 0 : -ETIMEDOUT;
}

struct vif *net_vif(unsigned int index)
{
	return index < vif_count ? vifs[index] : NULL;
}
