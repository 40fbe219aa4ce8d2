/* The public petrel/net.h API, on net/. */
#include "kernel/lib/errno.h"
#include "kernel/time.h"
#include "net/net.h"
#include "petrel/net.h"

int petrel_net_wait(unsigned int timeout_ms)
{
	uint64_t deadline = monotonic_ns() + timeout_ms * NSEC_PER_MSEC;
	net_start();
	return net_wait_ipv4(deadline);
}

int petrel_net_vifs(void)
{
	net_start();
	return (int)net_vif_count();
}

int petrel_net_address(unsigned int vif, int family, unsigned int n, char *buf,
		       size_t size)
{
	if (family != PETREL_NET_IPV4 && family != PETREL_NET_IPV6)
		return -EINVAL;
	net_start();
	return net_address_text(vif, family == PETREL_NET_IPV6, n, buf, size);
}
