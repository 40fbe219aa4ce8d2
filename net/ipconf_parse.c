/*
 * Parser of the vif "ip" key (see ipconf_parse.h for the forms). Works
 * on (pointer, length) words so it never writes to or over-reads its
 * input, and checks every number's range before using it.
 */
#include <stddef.h>
#include "kernel/lib/errno.h"
#include "kernel/lib/hex.h"
#include "net/ipconf_parse.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A decimal number of 1..digits_max digits, at most max. */
static bool parse_decimal(const char *s, unsigned int len,
			  unsigned int digits_max, unsigned long max,
			  unsigned long *out)
{
	unsigned long v = 0;

	if (len == 0 || len > digits_max)
		return false;
	for (unsigned int i = 0; i < len; i++) {
		if (!is_digit(s[i]))
			return false;
		v = v * 10 + (unsigned long)(s[i] - '0');
	}
	if (v > max)
		return false;
	*out = v;
	return true;
}

bool ipconf_parse_ipv4(const char *s, unsigned int len, uint32_t *out)
{
	uint32_t addr = 0;
	unsigned int part = 0, start = 0;

	for (unsigned int i = 0; i <= len; i++) {
		unsigned long octet;

		if (i < len && s[i] != '.')
			continue;
		if (part == 4 ||
		    !parse_decimal(s + start, i - start, 3, 255, &octet))
			return false;
		addr = addr << 8 | (uint32_t)octet;
		part++;
		start = i + 1;
	}
	if (part != 4)
		return false;
	*out = addr;
	return true;
}

/* One 1..4-digit hex group. */
static bool parse_group(const char *s, unsigned int len, uint16_t *out)
{
	unsigned int v = 0;

	if (len == 0 || len > 4)
		return false;
	for (unsigned int i = 0; i < len; i++) {
		int h = hex_digit_value(s[i]);

		if (h < 0)
			return false;
		v = v << 4 | (unsigned int)h;
	}
	*out = (uint16_t)v;
	return true;
}

bool ipconf_parse_ipv6(const char *s, unsigned int len, uint8_t out[16])
{
	uint16_t groups[8];
	int gap = -1; /* index in groups where "::" was */
	unsigned int n = 0, i = 0;

	if (len >= 2 && s[0] == ':' && s[1] == ':') {
		gap = 0;
		i = 2;
	} else if (len >= 1 && s[0] == ':') {
		return false;
	}
	while (i < len) {
		unsigned int start = i;
		uint32_t v4;

		while (i < len && s[i] != ':')
			i++;
		if (n < 7 && ipconf_parse_ipv4(s + start, i - start, &v4) &&
		    i == len) {
			groups[n++] = (uint16_t)(v4 >> 16);
			groups[n++] = (uint16_t)v4;
			break;
		}
		if (n == 8 || !parse_group(s + start, i - start, &groups[n]))
			return false;
		n++;
		if (i == len)
			break;
		i++; /* the ':' */
		if (i < len && s[i] == ':') {
			if (gap >= 0)
				return false;
			gap = (int)n;
			i++;
		} else if (i == len) {
			return false; /* a trailing single ':' */
		}
	}
	if (gap < 0 ? n != 8 : n > 7)
		return false;
	for (unsigned int k = 0, o = 0; k < 8; k++) {
		uint16_t g = 0;

		if (gap >= 0 && k >= (unsigned int)gap &&
		    k < (unsigned int)gap + 8 - n)
			g = 0;
		else
			g = groups[o++];
		out[2 * k] = (uint8_t)(g >> 8);
		out[2 * k + 1] = (uint8_t)g;
	}
	return true;
}

static bool is_netmask(uint32_t m)
{
	/* Contiguous ones from the top: ~m + 1 is a power of two. */
	return m != 0 && ((~m + 1) & ~m) == 0;
}

static uint32_t prefix_to_mask(unsigned long len)
{
	return len == 0 ? 0 : ~(uint32_t)0 << (32 - len);
}

static uint32_t class_mask(uint32_t addr)
{
	if ((addr >> 31) == 0)
		return 0xff000000u; /* class A */
	if ((addr >> 30) == 2)
		return 0xffff0000u; /* class B */
	return 0xffffff00u; /* class C */
}

static bool usable_ipv4(uint32_t a)
{
	uint32_t top = a >> 24;

	return a != 0 && top != 0 && top != 127 && top < 224;
}

/* Where a word of the parse stands, and what it may be next. */
struct parse_state {
	struct ipconf *conf;
	unsigned int ipv4_words; /* plain IPv4 words seen */
	bool mask_given, mask_positional;
	const char *why;
};

static int fail(struct parse_state *st, const char *why)
{
	st->why = why;
	return -EINVAL;
}

/* Split "word/NN"; *len is cut at the slash. */
static int split_prefix(const char *w, unsigned int *len, unsigned int max,
			long *prefix)
{
	unsigned long v;

	*prefix = -1;
	for (unsigned int i = 0; i < *len; i++) {
		if (w[i] != '/')
			continue;
		if (!parse_decimal(w + i + 1, *len - i - 1, 3, max, &v))
			return -EINVAL;
		*prefix = (long)v;
		*len = i;
		break;
	}
	return 0;
}

static int take_ipv6(struct parse_state *st, const char *w, unsigned int len)
{
	struct ipconf *c = st->conf;
	long prefix;

	if (split_prefix(w, &len, 128, &prefix) < 0 || prefix == 0)
		return fail(st, "bad IPv6 prefix length (want /1../128)");
	if (c->nr_ip6 == IPCONF_MAX_IP6)
		return fail(st, "too many IPv6 addresses");
	if (!ipconf_parse_ipv6(w, len, c->ip6[c->nr_ip6].addr))
		return fail(st, "malformed IPv6 address");
	c->ip6[c->nr_ip6].prefix_len = prefix < 0 ? 64 : (uint8_t)prefix;
	c->nr_ip6++;
	return 0;
}

static int take_gateway(struct parse_state *st, const char *w, unsigned int len)
{
	uint32_t gw;

	if (!ipconf_parse_ipv4(w, len, &gw) || !usable_ipv4(gw))
		return fail(st, "malformed gateway address");
	if (st->conf->gateway)
		return fail(st, "more than one gateway");
	st->conf->gateway = gw;
	return 0;
}

static int take_ipv4(struct parse_state *st, const char *w, unsigned int len)
{
	struct ipconf *c = st->conf;
	uint32_t a;
	long prefix;

	if (split_prefix(w, &len, 32, &prefix) < 0 || prefix == 0)
		return fail(st, "bad IPv4 prefix length (want /1../32)");
	if (!ipconf_parse_ipv4(w, len, &a))
		return fail(st, "malformed IPv4 address");
	st->ipv4_words++;
	if (!c->has_ipv4) {
		if (!usable_ipv4(a))
			return fail(st, "IPv4 address not usable by a host");
		c->has_ipv4 = true;
		c->ipv4 = a;
		c->netmask = prefix > 0 ?
				     prefix_to_mask((unsigned long)prefix) :
				     class_mask(a);
		st->mask_given = prefix > 0;
		return 0;
	}
	/* "address netmask [gateway]": the second and third words. */
	if (st->ipv4_words == 2 && prefix < 0 && !st->mask_given &&
	    is_netmask(a) && (a >> 24) == 255) {
		c->netmask = a;
		st->mask_given = st->mask_positional = true;
		return 0;
	}
	if (st->ipv4_words == 3 && st->mask_positional && prefix < 0)
		return take_gateway(st, w, len);
	c->nr_ignored++;
	return 0;
}

static bool has_prefix(const char *w, unsigned int len, const char *p,
		       unsigned int *plen)
{
	unsigned int i = 0;

	while (p[i] && i < len && w[i] == p[i])
		i++;
	if (p[i])
		return false;
	*plen = i;
	return true;
}

static int take_word(struct parse_state *st, const char *w, unsigned int len)
{
	unsigned int plen;

	if (has_prefix(w, len, "gw=", &plen) ||
	    has_prefix(w, len, "gateway=", &plen))
		return take_gateway(st, w + plen, len - plen);
	for (unsigned int i = 0; i < len; i++)
		if (w[i] == ':')
			return take_ipv6(st, w, len);
	return take_ipv4(st, w, len);
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == ',';
}

static int reject(const char **why, const char *msg)
{
	*why = msg;
	return -EINVAL;
}

int ipconf_parse(const char *text, struct ipconf *out, const char **why)
{
	struct parse_state st = { .conf = out };
	const struct ipconf empty = { 0 };
	unsigned int i = 0, words = 0;

	*out = empty;
	*why = NULL;
	while (text[i]) {
		unsigned int start;
		int rc;

		if (i >= IPCONF_MAX_LEN)
			return reject(why, "value too long");
		if (is_space(text[i])) {
			i++;
			continue;
		}
		start = i;
		while (text[i] && !is_space(text[i]) && i < IPCONF_MAX_LEN)
			i++;
		rc = take_word(&st, text + start, i - start);
		if (rc < 0)
			return reject(why, st.why);
		words++;
	}
	if (!words)
		return reject(why, "no address");
	if (!out->has_ipv4 && out->gateway)
		return reject(why, "a gateway but no IPv4 address");
	if (out->gateway &&
	    (out->gateway & out->netmask) != (out->ipv4 & out->netmask))
		return reject(why, "gateway outside the address's subnet");
	return 0;
}
