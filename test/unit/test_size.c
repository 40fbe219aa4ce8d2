/* Unit tests for parse_size (kernel/lib/size.c): suffixes, junk, overflow. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "kernel/lib/errno.h"
#include "kernel/lib/size.h"

static unsigned long parsed(const char *s)
{
	unsigned long v = 12345;

	assert_int_equal(parse_size(s, &v), 0);
	return v;
}

static void test_plain_and_suffixes(void **state)
{
	(void)state;
	assert_int_equal(parsed("0"), 0);
	assert_int_equal(parsed("4096"), 4096);
	assert_int_equal(parsed("512K"), 512 * 1024);
	assert_int_equal(parsed("512k"), 512 * 1024);
	assert_int_equal(parsed("8M"), 8UL << 20);
	assert_int_equal(parsed("2g"), 2UL << 30);
}

static void test_junk_is_refused(void **state)
{
	const char *bad[] = { "", "K", "-1", "+1", " 1", "1 ", "1KB", "1X",
			      "1.5M", "0x10", "1K2" };
	unsigned long v = 7;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(parse_size(bad[i], &v), -EINVAL);
		assert_int_equal(v, 7); /* untouched on error */
	}
}

static void test_overflow_is_refused(void **state)
{
	unsigned long v = 7;

	(void)state;
	assert_int_equal(parse_size("18446744073709551615", &v), 0);
	assert_true(v == ULONG_MAX);
	assert_int_equal(parse_size("18446744073709551616", &v), -ERANGE);
	assert_int_equal(parse_size("17179869184G", &v), -ERANGE);
	assert_int_equal(parse_size("17179869183G", &v), 0);
	assert_true(v == 17179869183UL << 30);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_and_suffixes),
		cmocka_unit_test(test_junk_is_refused),
		cmocka_unit_test(test_overflow_is_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
