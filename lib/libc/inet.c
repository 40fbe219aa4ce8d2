/*
 * Text forms of IPv4 and IPv6 addresses, as glibc reads and writes
 * them: inet_pton takes exactly dotted-quad decimal (no leading zeros)
 * and RFC 4291 IPv6 text; inet_aton also takes the old forms (1 to 4
 * parts, octal and hex); inet_ntop compresses the longest run of two or
 * more zero groups and writes IPv4-mapped and -compatible addresses
 * with a dotted tail.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kernel/lib/hex.h"
#include "lib/libc/errno.h"

#undef htonl
#undef htons
#undef ntohl
#undef ntohs

uint32_t htonl(uint32_t host)
{
	return __builtin_bswap32(host);
}

uint16_t htons(uint16_t host)
{
	return __builtin_bswap16(host);
}

uint32_t ntohl(uint32_t net)
{
	return __builtin_bswap32(net);
}

uint16_t ntohs(uint16_t net)
{
	return __builtin_bswap16(net);
}

/* lwIP (core/ipv6/inet6.c) defines in6addr_any too, the same 16 zero
 * bytes: this weak one is here so that libpetrel exports the name (only
 * lib/libc's definitions are exported), and either may be linked. */
__attribute__((weak)) const struct in6_addr in6addr_any = IN6ADDR_ANY_INIT;
const struct in6_addr in6addr_loopback = IN6ADDR_LOOPBACK_INIT;

/* Strict dotted quad: 4 decimal parts of 0..255, no leading zeros.
 * Returns the characters read, or 0. */
static int pton4(const char *src, unsigned char out[4])
{
	const char *p = src;

	for (int part = 0; part < 4; part++) {
		unsigned int v = 0;
		int digits = 0;

		if (part && *p++ != '.')
			return 0;
		while (isdigit((unsigned char)*p)) {
			if (digits && v == 0)
				return 0;
			v = v * 10 + (unsigned int)(*p++ - '0');
			if (v > 255)
				return 0;
			digits++;
		}
		if (!digits)
			return 0;
		out[part] = (unsigned char)v;
	}
	return (int)(p - src);
}

/* Read one group of 1-4 hex digits; the digits read, or 0. */
static int hex_group(const char *p, unsigned int *v)
{
	int n = 0;

	*v = 0;
	while (n < 5 && hex_digit_value(p[n]) >= 0)
		*v = *v * 16 + (unsigned int)hex_digit_value(p[n++]);
	return n > 4 ? 0 : n;
}

/* Move the groups after a "::" to the end, zeros between. */
static void expand_gap(unsigned char *out, int gap, int bytes)
{
	int tail = bytes - gap;

	memmove(out + 16 - tail, out + gap, (size_t)tail);
	memset(out + gap, 0, (size_t)(16 - bytes));
}

/* Whether the group at p is a dotted IPv4 tail (a '.' before any ':'). */
static bool ipv4_tail(const char *p)
{
	const char *dot = strchr(p, '.'), *colon = strchr(p, ':');

	return dot && (!colon || dot < colon);
}

static int pton6(const char *p, unsigned char out[16])
{
	int bytes = 0, gap = -1;

	memset(out, 0, 16);
	if (p[0] == ':' && p[1] == ':') {
		gap = 0;
		p += 2;
	} else if (*p == ':') {
		return 0;
	}
	while (*p) {
		unsigned int v;
		int n;

		if (bytes <= 12 && ipv4_tail(p)) {
			n = pton4(p, out + bytes);
			if (!n || p[n])
				return 0;
			bytes += 4;
			break;
		}
		n = hex_group(p, &v);
		if (!n || bytes == 16)
			return 0;
		out[bytes++] = (unsigned char)(v >> 8);
		out[bytes++] = (unsigned char)v;
		p += n;
		if (!*p)
			break;
		if (*p++ != ':' || !*p)
			return 0;
		if (*p == ':') {
			if (gap >= 0)
				return 0;
			gap = bytes;
			p++;
		}
	}
	if (gap >= 0) {
		if (bytes == 16)
			return 0;
		expand_gap(out, gap, bytes);
		return 1;
	}
	return bytes == 16;
}

int inet_pton(int af, const char *src, void *dst)
{
	unsigned char buf[16];

	if (af == AF_INET) {
		int n = pton4(src, buf);

		if (!n || src[n])
			return 0;
		memcpy(dst, buf, 4);
		return 1;
	}
	if (af == AF_INET6) {
		if (!pton6(src, buf))
			return 0;
		memcpy(dst, buf, 16);
		return 1;
	}
	libc_set_errno(EAFNOSUPPORT);
	return -1;
}

static const char *fits(const char *text, char *dst, socklen_t size)
{
	if (strlen(text) >= size) {
		libc_set_errno(ENOSPC);
		return NULL;
	}
	return strcpy(dst, text);
}

/* Formats as named arrays, not literals: literals land in a merged
 * string section every image carries, these go with their users. */
static const char dotted_quad[] = "%u.%u.%u.%u";
static const char hex_group_format[] = "%x";

static void ntop4(const unsigned char *a, char *out)
{
	sprintf(out, dotted_quad, a[0], a[1], a[2], a[3]);
}

/* The longest run (first of equals) of two or more zero groups. */
static void zero_run(const unsigned int w[8], int *base, int *len)
{
	*base = -1;
	*len = 0;
	for (int i = 0; i < 8;) {
		int j = i;

		while (j < 8 && w[j] == 0)
			j++;
		if (j - i > *len && j - i >= 2) {
			*base = i;
			*len = j - i;
		}
		i = j > i ? j : i + 1;
	}
}

static void ntop6(const unsigned char *a, char *out)
{
	unsigned int w[8];
	int base, len;
	char *p = out;

	for (int i = 0; i < 8; i++)
		w[i] = (unsigned int)a[2 * i] << 8 | a[2 * i + 1];
	zero_run(w, &base, &len);
	for (int i = 0; i < 8; i++) {
		if (i == base) {
			*p++ = ':';
			i += len - 1;
			if (i == 7)
				*p++ = ':';
			continue;
		}
		if (i)
			*p++ = ':';
		if (i == 6 && base == 0 &&
		    (len == 6 || (len == 5 && w[5] == 0xffff))) {
			ntop4(a + 12, p);
			return;
		}
		p += sprintf(p, hex_group_format, w[i]);
	}
	*p = '\0';
}

const char *inet_ntop(int af, const void *src, char *dst, socklen_t size)
{
	char text[INET6_ADDRSTRLEN];

	if (af == AF_INET)
		ntop4(src, text);
	else if (af == AF_INET6)
		ntop6(src, text);
	else {
		libc_set_errno(EAFNOSUPPORT);
		return NULL;
	}
	return fits(text, dst, size);
}

/* The old forms: a, a.b (b 24 bits), a.b.c (c 16 bits), a.b.c.d, each
 * part decimal, octal (0...) or hex (0x...); trailing space ends it. */
int inet_aton(const char *cp, struct in_addr *inp)
{
	unsigned long parts[4];
	int n = 0;
	uint32_t v;

	for (;;) {
		char *end;

		if (!isdigit((unsigned char)*cp) || n == 4)
			return 0;
		parts[n++] = strtoul(cp, &end, 0);
		if (parts[n - 1] > 0xffffffffUL)
			return 0;
		cp = end;
		if (*cp != '.')
			break;
		cp++;
	}
	if (*cp && !isspace((unsigned char)*cp))
		return 0;
	for (int i = 0; i < n - 1; i++)
		if (parts[i] > 255)
			return 0;
	if (parts[n - 1] > (0xffffffffUL >> (8 * (n - 1))))
		return 0;
	v = (uint32_t)parts[n - 1];
	for (int i = 0; i < n - 1; i++)
		v |= (uint32_t)parts[i] << (24 - 8 * i);
	if (inp)
		inp->s_addr = htonl(v);
	return 1;
}

in_addr_t inet_addr(const char *cp)
{
	struct in_addr a;

	return inet_aton(cp, &a) ? a.s_addr : INADDR_NONE;
}

char *inet_ntoa(struct in_addr in)
{
	static char text[INET_ADDRSTRLEN];

	ntop4((const unsigned char *)&in, text);
	return text;
}
