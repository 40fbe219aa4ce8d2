/* Parsing and validation of the vif's MAC address (see netfront_mac.h). */
#include "kernel/drivers/netfront_mac.h"
#include "kernel/lib/errno.h"
#include "kernel/lib/hex.h"

int netfront_parse_mac(const char *text, uint8_t mac[NETFRONT_ETH_ALEN])
{
	uint8_t out[NETFRONT_ETH_ALEN];
	unsigned int any = 0;

	for (unsigned int i = 0; i < NETFRONT_ETH_ALEN; i++) {
		const char *p = text + 3 * i;
		int hi = hex_digit_value(p[0]),
		    lo = hi < 0 ? -1 : hex_digit_value(p[1]);
		char sep = i + 1 < NETFRONT_ETH_ALEN ? ':' : '\0';

		if (lo < 0 || p[2] != sep)
			return -EINVAL;
		out[i] = (uint8_t)(hi << 4 | lo);
		any |= out[i];
	}
	if (!any || (out[0] & 1))
		return -EINVAL;
	for (unsigned int i = 0; i < NETFRONT_ETH_ALEN; i++)
		mac[i] = out[i];
	return 0;
}
