/*
 * Unit tests for kernel/control_request.c: only the toolstack's exact
 * words are requests; anything else in control/shutdown (junk, case
 * changes, trailing bytes) is unknown, and is shown on the console as
 * printable text of bounded length.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "kernel/control_request.h"

static void test_known_words(void **state)
{
	(void)state;
	assert_int_equal(control_request_parse(""), CONTROL_NONE);
	assert_int_equal(control_request_parse("poweroff"), CONTROL_POWEROFF);
	assert_int_equal(control_request_parse("halt"), CONTROL_POWEROFF);
	assert_int_equal(control_request_parse("reboot"), CONTROL_REBOOT);
	assert_int_equal(control_request_parse("suspend"), CONTROL_SUSPEND);
}

static void test_near_misses_are_unknown(void **state)
{
	static const char *const junk[] = {
		"Poweroff",  "poweroff ", " reboot", "reboo", "rebootx",
		"suspend\n", "crash",	  "s",	     "\x01",  "poweroff\x7f",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(junk) / sizeof(junk[0]); i++)
		assert_int_equal(control_request_parse(junk[i]),
				 CONTROL_UNKNOWN);
}

static void test_printable_masks_and_bounds(void **state)
{
	char out[8];

	(void)state;
	control_printable(out, sizeof(out), "a\x1b[2Jb\xff");
	assert_string_equal(out, "a?[2Jb?");
	control_printable(out, sizeof(out), "0123456789");
	assert_string_equal(out, "0123456");
	control_printable(out, sizeof(out), "");
	assert_string_equal(out, "");
	memset(out, 'x', sizeof(out));
	control_printable(out, 1, "abc");
	assert_int_equal(out[0], '\0');
	control_printable(out, 0, "abc"); /* no room at all: nothing written */
	assert_int_equal(out[1], 'x');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_words),
		cmocka_unit_test(test_near_misses_are_unknown),
		cmocka_unit_test(test_printable_masks_and_bounds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
