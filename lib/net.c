/* The public petrel/net.h API, on net/. */
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
