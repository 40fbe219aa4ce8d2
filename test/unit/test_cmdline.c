/*
 * Unit tests for kernel/cmdline.c: splitting the domain command line
 * (blanks, quotes, escapes, empty arguments, limits, errors) and the
 * quote -> split round trip.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kernel/cmdline.h"
#include "kernel/lib/errno.h"

#define MAX_ARGS 16

static char *const SENTINEL = (char *)"sentinel";

/* Split a copy of line; require exactly the n words in want. */
static void expect_split(const char *line, const char *const *want, int n)
{
	char buf[256], *argv[MAX_ARGS + 1];
	int i, argc;

	for (i = 0; i <= MAX_ARGS; i++)
		argv[i] = SENTINEL;
	snprintf(buf, sizeof(buf), "%s", line);
	argc = cmdline_split(buf, argv, MAX_ARGS);
	if (argc != n)
		print_error("line \"%s\": want %d words, got %d\n", line, n,
			    argc);
	assert_int_equal(argc, n);
	for (i = 0; i < n; i++)
		assert_string_equal(argv[i], want[i]);
	assert_null(argv[n]);
}

#define SPLIT(line, ...)                                                     \
	do {                                                                 \
		static const char *const want_[] = { __VA_ARGS__ };          \
		expect_split(line, want_, sizeof(want_) / sizeof(want_[0])); \
	} while (0)

static void test_plain_words(void **state)
{
	(void)state;
	SPLIT("a", "a");
	SPLIT("a b  c", "a", "b", "c");
	SPLIT("  lead\ttab\nnl\r\ncrlf  ", "lead", "tab", "nl", "crlf");
	SPLIT("--port=80 -v /data/x", "--port=80", "-v", "/data/x");
}

static void test_no_words(void **state)
{
	(void)state;
	expect_split("", NULL, 0);
	expect_split(" \t\n ", NULL, 0);
}

static void test_quotes(void **state)
{
	(void)state;
	SPLIT("\"a b\" c", "a b", "c");
	SPLIT("'a \"b\" \\c'", "a \"b\" \\c");
	SPLIT("\"it's\"", "it's");
	SPLIT("a\"b c\"d", "ab cd");
	SPLIT("'x'\"y\"z", "xyz");
	SPLIT("\"  \"", "  ");
	SPLIT("'multi\nline'", "multi\nline");
}

static void test_escapes(void **state)
{
	(void)state;
	SPLIT("a\\ b", "a b");
	SPLIT("\\\"q\\\" \\\\", "\"q\"", "\\");
	SPLIT("\"a\\\"b\"", "a\"b");
	SPLIT("\"back\\\\slash\"", "back\\slash");
	/* In double quotes, \ before other characters stays literal. */
	SPLIT("\"a\\nb\\'\"", "a\\nb\\'");
	/* No escapes at all inside single quotes. */
	SPLIT("'a\\'", "a\\");
	SPLIT("\\'x\\'", "'x'");
	SPLIT("abc\\", "abc\\");
	SPLIT("\\a\\b", "ab");
}

static void test_empty_args(void **state)
{
	(void)state;
	SPLIT("\"\"", "");
	SPLIT("\"\" ''", "", "");
	SPLIT("a \"\" b", "a", "", "b");
	SPLIT("x=''", "x=");
}

static void test_too_many(void **state)
{
	char buf[64], *argv[4];

	(void)state;
	strcpy(buf, "a b c");
	assert_int_equal(cmdline_split(buf, argv, 3), 3);
	assert_null(argv[3]);
	strcpy(buf, "a b c d");
	assert_int_equal(cmdline_split(buf, argv, 3), -E2BIG);
	strcpy(buf, "  ");
	assert_int_equal(cmdline_split(buf, argv, 0), 0);
	assert_null(argv[0]);
	strcpy(buf, "''");
	assert_int_equal(cmdline_split(buf, argv, 0), -E2BIG);
	assert_int_equal(cmdline_split(buf, argv, -1), -EINVAL);
}

static void test_unterminated(void **state)
{
	static const char *const bad[] = { "\"abc", "'abc",    "a \"b c",
					   "x'",    "\"a\\\"", "ok \"\"\"" };
	char buf[64], *argv[MAX_ARGS + 1];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		strcpy(buf, bad[i]);
		assert_int_equal(cmdline_split(buf, argv, MAX_ARGS), -EINVAL);
	}
}

static void test_quote_output(void **state)
{
	static const char *const args[] = { "plain", "", "a b", "it's" };
	char out[64];

	(void)state;
	assert_int_equal(cmdline_quote(args, 4, out, sizeof(out)), 24);
	assert_string_equal(out, "plain '' 'a b' 'it'\\''s'");
	assert_int_equal(cmdline_quote(args, 0, out, sizeof(out)), 0);
	assert_string_equal(out, "");
}

static void test_quote_nospace(void **state)
{
	static const char *const args[] = { "ab", "c d" };
	char out[16];

	(void)state;
	/* "ab 'c d'" is 8 characters plus the NUL. */
	assert_int_equal(cmdline_quote(args, 2, out, 9), 8);
	assert_int_equal(cmdline_quote(args, 2, out, 8), -ENOSPC);
	assert_string_equal(out, "ab 'c d");
	assert_int_equal(cmdline_quote(args, 2, out, 0), -ENOSPC);
}

/* quote, then split: the words must come back unchanged. */
static void round_trip(const char *const *args, int n)
{
	char line[1024], *argv[MAX_ARGS + 1];
	int i, len;

	len = cmdline_quote(args, n, line, sizeof(line));
	assert_true(len >= 0);
	assert_int_equal(cmdline_split(line, argv, MAX_ARGS), n);
	for (i = 0; i < n; i++) {
		if (strcmp(argv[i], args[i]))
			print_error("arg %d: want \"%s\", got \"%s\"\n", i,
				    args[i], argv[i]);
		assert_string_equal(argv[i], args[i]);
	}
}

static void test_round_trip_tricky(void **state)
{
	static const char *const tricky[] = {
		"",
		" ",
		"a b",
		"'",
		"''",
		"\"",
		"\\",
		"a\\",
		"\\'",
		"tab\there",
		"new\nline",
		"$HOME",
		"*",
		"a'b\"c\\d",
		"   lead",
		"trail  ",
		"=",
		"--opt=val ue",
		"\xc3\xa9t\xc3\xa9",
		"'\\''",
		"\"\\\"\"",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(tricky) / sizeof(tricky[0]); i++)
		round_trip(&tricky[i], 1);
	round_trip(tricky, MAX_ARGS);
}

static void test_round_trip_random(void **state)
{
	static const char alphabet[] = "ab \t\n'\"\\$*=-";
	char words[MAX_ARGS][12];
	const char *args[MAX_ARGS];
	int iter, i, j;

	(void)state;
	srand(7);
	for (iter = 0; iter < 5000; iter++) {
		int n = rand() % (MAX_ARGS + 1);

		for (i = 0; i < n; i++) {
			int len = rand() % 12;

			for (j = 0; j < len; j++)
				words[i][j] = alphabet[rand() %
						       (sizeof(alphabet) - 1)];
			words[i][len] = '\0';
			args[i] = words[i];
		}
		round_trip(args, n);
	}
}

/* The settings/arguments rule: index of the "--" ending the settings. */
static int settings_end(const char *line)
{
	char buf[256], *argv[MAX_ARGS + 1];
	int argc;

	snprintf(buf, sizeof(buf), "%s", line);
	argc = cmdline_split(buf, argv, MAX_ARGS);
	assert_true(argc >= 0);
	return cmdline_settings_end(argv, argc);
}

static void test_settings_rule(void **state)
{
	(void)state;
	/* What the runner writes: settings, "--", then the app's words. */
	assert_int_equal(settings_end("-- a.b=c -- x"), 0);
	assert_int_equal(settings_end("petrel.tty=0,1 A=1 _b= -- X=1 --"), 3);
	assert_int_equal(settings_end("petrel.tty= --"), 1);
	/* Not that form: all arguments. A dotted or empty name, or a word
	 * without '=', is no setting (the old rule took a.b=c). */
	assert_int_equal(settings_end("a.b=c -- x"), -1);
	assert_int_equal(settings_end("=x -- y"), -1);
	assert_int_equal(settings_end("1A=x -- y"), -1);
	assert_int_equal(settings_end("A=1 plain -- y"), -1);
	assert_int_equal(settings_end("A=1 B=2"), -1);
	assert_int_equal(settings_end(""), -1);
	assert_int_equal(settings_end("petrel.=1 --"), -1);
}

static void test_settings_words(void **state)
{
	(void)state;
	assert_true(cmdline_is_env("NAME=value with = signs"));
	assert_true(cmdline_is_env("EMPTY="));
	assert_false(cmdline_is_env("petrel.tty=1"));
	assert_false(cmdline_is_env("NAME"));
	assert_true(cmdline_is_option("petrel.tty=0,1,2"));
	assert_false(cmdline_is_option("petrel.tty"));
	assert_false(cmdline_is_option("petrelX.tty=1"));
	assert_string_equal(cmdline_option("petrel.tty=0,2", "tty"), "0,2");
	assert_string_equal(cmdline_option("petrel.stdin=", "stdin"), "");
	assert_null(cmdline_option("petrel.ttyx=1", "tty"));
	assert_null(cmdline_option("petrel.stdin=pipe", "tty"));
	assert_null(cmdline_option("TTY=1", "tty"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_words),
		cmocka_unit_test(test_no_words),
		cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_empty_args),
		cmocka_unit_test(test_too_many),
		cmocka_unit_test(test_unterminated),
		cmocka_unit_test(test_quote_output),
		cmocka_unit_test(test_quote_nospace),
		cmocka_unit_test(test_round_trip_tricky),
		cmocka_unit_test(test_round_trip_random),
		cmocka_unit_test(test_settings_rule),
		cmocka_unit_test(test_settings_words),
	};

	/* Line-buffered, so results survive a sanitizer abort. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
