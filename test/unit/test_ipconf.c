/*
 * Unit tests for net/ipconf_parse.c: every form of a vif's xenstore
 * "ip" key (address, /prefix, "address netmask gateway", gw=, IPv6,
 * firewall lists), and malformed values, which must be refused with a
 * reason and never crash.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kernel/lib/errno.h"
#include "net/ipconf_parse.h"

#define IP(a, b, c, d) ((uint32_t)(a) << 24 | (b) << 16 | (c) << 8 | (d))

static struct ipconf parse_ok(const char *text)
{
	struct ipconf c;
	const char *why = "unset";
	int rc = ipconf_parse(text, &c, &why);

	if (rc != 0)
		print_error("\"%s\": %s\n", text, why);
	assert_int_equal(rc, 0);
	assert_null(why);
	return c;
}

static void parse_bad(const char *text)
{
	struct ipconf c;
	const char *why = NULL;

	assert_int_equal(ipconf_parse(text, &c, &why), -EINVAL);
	assert_non_null(why);
	assert_true(strlen(why) > 0);
}

static void test_plain_address_takes_class_netmask(void **state)
{
	struct ipconf c = parse_ok("198.18.0.5");

	(void)state;
	assert_true(c.has_ipv4);
	assert_int_equal(c.ipv4, IP(198, 18, 0, 5));
	assert_int_equal(c.netmask, IP(255, 255, 255, 0));
	assert_int_equal(c.gateway, 0);
	assert_int_equal(parse_ok("10.1.2.3").netmask, IP(255, 0, 0, 0));
	assert_int_equal(parse_ok("172.16.0.9").netmask, IP(255, 255, 0, 0));
}

static void test_prefix_length(void **state)
{
	struct ipconf c = parse_ok("10.0.0.7/24");

	(void)state;
	assert_int_equal(c.ipv4, IP(10, 0, 0, 7));
	assert_int_equal(c.netmask, IP(255, 255, 255, 0));
	assert_int_equal(parse_ok("10.0.0.7/32").netmask, 0xffffffffu);
	assert_int_equal(parse_ok("10.0.0.7/1").netmask, 0x80000000u);
}

static void test_address_netmask_gateway(void **state)
{
	struct ipconf c = parse_ok("198.18.0.5 255.255.0.0 198.18.7.1");

	(void)state;
	assert_int_equal(c.ipv4, IP(198, 18, 0, 5));
	assert_int_equal(c.netmask, IP(255, 255, 0, 0));
	assert_int_equal(c.gateway, IP(198, 18, 7, 1));
	c = parse_ok("198.18.0.5 255.255.255.0");
	assert_int_equal(c.netmask, IP(255, 255, 255, 0));
	assert_int_equal(c.gateway, 0);
}

static void test_gateway_keyword(void **state)
{
	struct ipconf c = parse_ok("198.18.0.5/24 gw=198.18.0.1");

	(void)state;
	assert_int_equal(c.gateway, IP(198, 18, 0, 1));
	c = parse_ok("gateway=198.18.0.1  198.18.0.5/24");
	assert_int_equal(c.ipv4, IP(198, 18, 0, 5));
	assert_int_equal(c.gateway, IP(198, 18, 0, 1));
}

static void test_firewall_list_keeps_first(void **state)
{
	struct ipconf c = parse_ok("198.18.0.5 198.18.0.6 10.0.0.0/8");

	(void)state;
	assert_int_equal(c.ipv4, IP(198, 18, 0, 5));
	assert_int_equal(c.netmask, IP(255, 255, 255, 0));
	assert_int_equal(c.gateway, 0);
	assert_int_equal(c.nr_ignored, 2);
}

static void test_ipv6_words(void **state)
{
	static const uint8_t want[16] = { 0xfd, 0x00, 0x01, 0x98, 0x00, 0x18,
					  0,	0,    0,    0,	  0,	0,
					  0,	0,    0,    0x05 };
	struct ipconf c = parse_ok("198.18.0.5 fd00:198:18::5 fe80::1/10");

	(void)state;
	assert_true(c.has_ipv4);
	assert_int_equal(c.nr_ip6, 2);
	assert_memory_equal(c.ip6[0].addr, want, 16);
	assert_int_equal(c.ip6[0].prefix_len, 64);
	assert_int_equal(c.ip6[1].prefix_len, 10);
	c = parse_ok("2001:db8::1/48");
	assert_false(c.has_ipv4);
	assert_int_equal(c.nr_ip6, 1);
	assert_int_equal(c.ip6[0].prefix_len, 48);
}

static void test_ipv6_text_forms(void **state)
{
	uint8_t a[16], b[16];

	(void)state;
	assert_true(ipconf_parse_ipv6("::", 2, a));
	memset(b, 0, 16);
	assert_memory_equal(a, b, 16);
	assert_true(ipconf_parse_ipv6("::1", 3, a));
	b[15] = 1;
	assert_memory_equal(a, b, 16);
	assert_true(ipconf_parse_ipv6("1:2:3:4:5:6:7:8", 15, a));
	assert_int_equal(a[14], 0);
	assert_int_equal(a[15], 8);
	assert_true(ipconf_parse_ipv6("::ffff:1.2.3.4", 14, a));
	assert_int_equal(a[10], 0xff);
	assert_int_equal(a[12], 1);
	assert_int_equal(a[15], 4);
	assert_true(ipconf_parse_ipv6("fe80::", 6, a));
	assert_int_equal(a[0], 0xfe);
	assert_false(ipconf_parse_ipv6("1:2:3:4:5:6:7", 13, a));
	assert_false(ipconf_parse_ipv6("1:2:3:4:5:6:7:8:9", 17, a));
	assert_false(ipconf_parse_ipv6("1::2::3", 7, a));
	assert_false(ipconf_parse_ipv6(":1::", 4, a));
	assert_false(ipconf_parse_ipv6("1:", 2, a));
	assert_false(ipconf_parse_ipv6("12345::", 7, a));
	assert_false(ipconf_parse_ipv6("g::", 3, a));
	assert_false(ipconf_parse_ipv6("1:2:3:4:5:6:7:8::", 17, a));
}

static void test_malformed_values(void **state)
{
	static const char *const bad[] = {
		"",
		"   ",
		"198.18.0",
		"198.18.0.5.6",
		"198.18.0.256",
		"198.18..5",
		"198.18.0.5/33",
		"198.18.0.5/0",
		"198.18.0.5/",
		"198.18.0.5/x",
		"1980.18.0.5",
		"0.0.0.0",
		"127.0.0.1",
		"224.0.0.1",
		"255.255.255.255",
		"abc",
		"198.18.0.5 gw=",
		"198.18.0.5 gw=nonsense",
		"198.18.0.5/24 gw=10.0.0.1",
		"198.18.0.5 255.255.255.0 10.0.0.1",
		"gw=198.18.0.1",
		"198.18.0.5 gw=198.18.0.1 gw=198.18.0.2",
		"fd00::1/129",
		"fd00::1/0",
		"fd00:::1",
		"::1 ::2 ::3 ::4",
		"-198.18.0.5",
		"198.18.0.5\x01",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct ipconf c;
		const char *why = NULL;

		if (ipconf_parse(bad[i], &c, &why) != -EINVAL || !why)
			print_error("accepted \"%s\"\n", bad[i]);
		parse_bad(bad[i]);
	}
}

static void test_overlong_value_is_refused(void **state)
{
	char *text = malloc(4096);

	(void)state;
	memset(text, '1', 4095);
	text[4095] = '\0';
	parse_bad(text);
	for (int i = 0; i < 4095; i++)
		text[i] = i % 2 ? ' ' : '.';
	parse_bad(text);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_address_takes_class_netmask),
		cmocka_unit_test(test_prefix_length),
		cmocka_unit_test(test_address_netmask_gateway),
		cmocka_unit_test(test_gateway_keyword),
		cmocka_unit_test(test_firewall_list_keeps_first),
		cmocka_unit_test(test_ipv6_words),
		cmocka_unit_test(test_ipv6_text_forms),
		cmocka_unit_test(test_malformed_values),
		cmocka_unit_test(test_overlong_value_is_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
