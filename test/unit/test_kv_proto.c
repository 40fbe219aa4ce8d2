/*
 * Unit tests for apps/kvstore/proto.c, the command-line parser: each verb with its
 * arguments, values with spaces and nothing at all, CRLF, and every malformed form refused
 * with its reason, never reading past the line it was given.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "apps/kvstore/proto.h"

/* Parse a copy of text in a heap block of exactly its length (no NUL after it). */
static struct kv_command parse(const char *text, size_t len)
{
	struct kv_command c;
	char *copy = malloc(len ? len : 1);

	memcpy(copy, text, len);
	kv_parse(copy, len, &c);
	/* Keep the pointers meaningful for the caller: rebase them onto text. */
	if (c.key)
		c.key = text + (c.key - copy);
	if (c.value)
		c.value = text + (c.value - copy);
	free(copy);
	return c;
}

static struct kv_command parse_str(const char *text)
{
	return parse(text, strlen(text));
}

static void expect_bad(const char *text, const char *why)
{
	struct kv_command c = parse_str(text);

	assert_int_equal(c.verb, KV_BAD);
	assert_string_equal(c.error, why);
}

static void test_set_get_del(void **state)
{
	struct kv_command c;

	(void)state;
	c = parse_str("SET key some value ");
	assert_int_equal(c.verb, KV_SET);
	assert_int_equal(c.key_len, 3);
	assert_memory_equal(c.key, "key", 3);
	assert_int_equal(c.value_len, 11);
	assert_memory_equal(c.value, "some value ", 11);
	c = parse_str("get key");
	assert_int_equal(c.verb, KV_GET);
	assert_int_equal(c.key_len, 3);
	c = parse_str("Del key");
	assert_int_equal(c.verb, KV_DEL);
	assert_int_equal(parse_str("QUIT").verb, KV_QUIT);
	assert_int_equal(parse_str("shutdown").verb, KV_SHUTDOWN);
}

static void test_empty_value_and_crlf(void **state)
{
	struct kv_command c;

	(void)state;
	c = parse_str("SET k ");
	assert_int_equal(c.verb, KV_SET);
	assert_int_equal(c.value_len, 0);
	c = parse_str("SET k v\r");
	assert_int_equal(c.verb, KV_SET);
	assert_int_equal(c.value_len, 1);
	c = parse_str("GET k\r");
	assert_int_equal(c.verb, KV_GET);
	assert_int_equal(c.key_len, 1);
	assert_int_equal(parse_str("QUIT\r").verb, KV_QUIT);
}

static void test_binary_value(void **state)
{
	static const char line[] = "SET k a\0b\x01\xff";
	struct kv_command c = parse(line, sizeof(line) - 1);

	(void)state;
	assert_int_equal(c.verb, KV_SET);
	assert_int_equal(c.value_len, 5);
	assert_memory_equal(c.value, "a\0b\x01\xff", 5);
}

static void test_malformed(void **state)
{
	(void)state;
	expect_bad("", "empty line");
	expect_bad("\r", "empty line");
	expect_bad("PUT k v", "unknown command (SET, GET, DEL, QUIT)");
	expect_bad("SETX k v", "unknown command (SET, GET, DEL, QUIT)");
	expect_bad(" SET k v", "unknown command (SET, GET, DEL, QUIT)");
	expect_bad("SET", "usage: SET key value");
	expect_bad("SET k", "usage: SET key value");
	expect_bad("GET", "usage: GET key");
	expect_bad("GET k v", "usage: GET key");
	expect_bad("GET k ", "usage: GET key");
	expect_bad("DEL a b", "usage: DEL key");
	expect_bad("QUIT now", "usage: QUIT");
	expect_bad("SET  k v", "empty key");
	expect_bad("GET ", "empty key");
	expect_bad("GET a\tb", "bad key: control bytes are not allowed");
	expect_bad("GET a\x7f", "bad key: control bytes are not allowed");
}

static void test_limits(void **state)
{
	char line[KV_LINE_MAX + 16];
	struct kv_command c;

	(void)state;
	memcpy(line, "SET ", 4);
	memset(line + 4, 'k', KV_KEY_MAX);
	memcpy(line + 4 + KV_KEY_MAX, " v", 2);
	c = parse(line, 4 + KV_KEY_MAX + 2);
	assert_int_equal(c.verb, KV_SET);
	assert_int_equal(c.key_len, KV_KEY_MAX);
	memset(line + 4, 'k', KV_KEY_MAX + 1);
	memcpy(line + 4 + KV_KEY_MAX + 1, " v", 2);
	c = parse(line, 4 + KV_KEY_MAX + 3);
	assert_int_equal(c.verb, KV_BAD);
	assert_string_equal(c.error, "key too long (at most 256 bytes)");
	memcpy(line, "SET k ", 6);
	memset(line + 6, 'v', KV_VALUE_MAX + 1);
	c = parse(line, 6 + KV_VALUE_MAX);
	assert_int_equal(c.verb, KV_SET);
	assert_int_equal(c.value_len, KV_VALUE_MAX);
	c = parse(line, 6 + KV_VALUE_MAX + 1);
	assert_int_equal(c.verb, KV_BAD);
	assert_string_equal(c.error, "value too long (at most 4096 bytes)");
	/* The longest valid line, CRLF and all, fits in KV_LINE_MAX. */
	memcpy(line, "SET ", 4);
	memset(line + 4, 'k', KV_KEY_MAX);
	line[4 + KV_KEY_MAX] = ' ';
	memset(line + 5 + KV_KEY_MAX, 'v', KV_VALUE_MAX);
	line[5 + KV_KEY_MAX + KV_VALUE_MAX] = '\r';
	c = parse(line, 6 + KV_KEY_MAX + KV_VALUE_MAX);
	assert_int_equal(c.verb, KV_SET);
	assert_true(6 + KV_KEY_MAX + KV_VALUE_MAX + 1 <= KV_LINE_MAX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_set_get_del),
		cmocka_unit_test(test_empty_value_and_crlf),
		cmocka_unit_test(test_binary_value),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
