/*
 * Fuzzes the vif "ip" key parser (net/ipconf_parse.c): the whole input,
 * NUL-terminated, goes to ipconf_parse, and the raw bytes (in a heap
 * block of exactly their size) to the IPv4 and IPv6 address parsers.
 * Asserts, besides no sanitizer report:
 *  - ipconf_parse returns 0 or -EINVAL, with a reason iff it failed;
 *  - a parsed config is usable: at most IPCONF_MAX_IP6 IPv6 addresses
 *    with prefixes 1..128, a host IPv4 address with a contiguous
 *    netmask, a gateway only with an address and inside its subnet;
 *  - an address the parsers accept prints back (dotted quad, or eight
 *    hex groups) to text they parse to the same address.
 */
#include <stdbool.h>

#include "kernel/lib/errno.h"
#include "net/ipconf_parse.h"
#include "fuzz.h"

static bool contiguous_mask(uint32_t m)
{
	return m && ((~m + 1) & ~m) == 0;
}

static void check_config(const struct ipconf *c)
{
	uint32_t top = c->ipv4 >> 24;

	FUZZ_CHECK(c->nr_ip6 <= IPCONF_MAX_IP6);
	for (unsigned int i = 0; i < c->nr_ip6; i++)
		FUZZ_CHECK(c->ip6[i].prefix_len >= 1 &&
			   c->ip6[i].prefix_len <= 128);
	if (!c->has_ipv4) {
		FUZZ_CHECK(!c->gateway);
		FUZZ_CHECK(c->nr_ip6 > 0);
		return;
	}
	FUZZ_CHECK(top != 0 && top != 127 && top < 224);
	FUZZ_CHECK(contiguous_mask(c->netmask));
	if (c->gateway)
		FUZZ_CHECK((c->gateway & c->netmask) == (c->ipv4 & c->netmask));
}

static void check_ipv4(const char *s, unsigned int len)
{
	uint32_t a, again;
	char text[16];
	int n;

	if (!ipconf_parse_ipv4(s, len, &a))
		return;
	n = snprintf(text, sizeof(text), "%u.%u.%u.%u", a >> 24, a >> 16 & 0xff,
		     a >> 8 & 0xff, a & 0xff);
	FUZZ_CHECK(ipconf_parse_ipv4(text, (unsigned int)n, &again));
	FUZZ_CHECK(again == a);
}

static void check_ipv6(const char *s, unsigned int len)
{
	uint8_t a[16], again[16];
	char text[40];
	int n = 0;

	if (!ipconf_parse_ipv6(s, len, a))
		return;
	for (int g = 0; g < 8; g++)
		n += snprintf(text + n, sizeof(text) - (size_t)n, "%s%x",
			      g ? ":" : "", a[2 * g] << 8 | a[2 * g + 1]);
	FUZZ_CHECK(ipconf_parse_ipv6(text, (unsigned int)n, again));
	FUZZ_CHECK(!memcmp(a, again, sizeof(a)));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *raw = fuzz_dup(data, size), *text = malloc(size + 1);
	struct ipconf conf;
	const char *why = "unset";
	int rc;

	if (!text)
		abort();
	memcpy(text, data, size);
	text[size] = 0;
	rc = ipconf_parse(text, &conf, &why);
	FUZZ_CHECK(rc == 0 || rc == -EINVAL);
	FUZZ_CHECK(rc ? why && *why : !why);
	if (rc == 0)
		check_config(&conf);
	if (size <= 4096) {
		check_ipv4(raw, (unsigned int)size);
		check_ipv6(raw, (unsigned int)size);
	}
	free(raw);
	free(text);
	return 0;
}
