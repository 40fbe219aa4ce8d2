/* The public petrel/net.h API, on net/. */
#include "kernel/lib/errno.h"
#include "kernel/time.h"
#include "net/net.h"
#include "petrel/net.h"

int petrel_net_wait(unsigned int timeout_ms)
{
	uint64_t deadline = monotonic_ns() + timeout_ms * NSEC_PER_MSEC;
	int ret = net_start();

	if (ret < 0)
		return ret;
	return net_wait_ipv4(deadline);
}

int petrel_net_vifs(void)
{
	int ret = net_start();

	return ret < 0 ? ret : (int)net_vif_count();
}

int petrel_net_address(unsigned int vif, int family, unsigned int n, char *buf,
		       size_t size)
{
	int ret;

	if (family != PETREL_NET_IPV4 && family != PETREL_NET_IPV6)
		return -EINVAL;
	ret = net_start();
	if (ret < 0)
		return ret;
	return net_address_text(vif, family == PETREL_NET_IPV6, n, buf, size);
}
