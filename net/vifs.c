/*
 * The vifs' netifs and the wait for their addresses. (Step 1 of the
 * port: no vif support yet; the stack runs on loopback alone.)
 */
#include <errno.h>
#include "net/net.h"
#include "net/vifs.h"

static unsigned int vif_count;

void vifs_start(void)
{
}

unsigned int net_vif_count(void)
{
	return vif_count;
}

int net_wait_ipv4(uint64_t deadline_ns)
{
	(void)deadline_ns;
	return vif_count ? -ETIMEDOUT : -ENODEV;
}
