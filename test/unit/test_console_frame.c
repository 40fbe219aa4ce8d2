/*
 * Unit tests for kernel/console_frame.c: the stream switch sequence the
 * host runner splits on, and decoding of framed stdin (escapes, the end
 * mark, input after it).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "kernel/console_frame.h"

static void test_stream_switch(void **state)
{
	char out[CONSOLE_SWITCH_MAX + 1];
	size_t n;

	(void)state;
	n = console_stream_switch(CONSOLE_STDERR, out);
	assert_true(n <= CONSOLE_SWITCH_MAX);
	out[n] = '\0';
	/* An APC string: ESC _ ... ESC backslash, which terminals ignore. */
	assert_string_equal(out, "\x1b_petrel:2\x1b\\");
	out[console_stream_switch(CONSOLE_KERNEL, out)] = '\0';
	assert_string_equal(out, "\x1b_petrel:k\x1b\\");
	out[console_stream_switch(CONSOLE_STDOUT, out)] = '\0';
	assert_string_equal(out, "\x1b_petrel:1\x1b\\");
}

/* Decode n framed bytes; returns the data length, *eof set at the end. */
static size_t decode(struct stdin_decoder *d, const char *in, size_t n,
		     char *out, int *eof)
{
	size_t len = 0;

	*eof = 0;
	for (size_t i = 0; i < n; i++) {
		int b = stdin_decode(d, (unsigned char)in[i]);

		if (b == STDIN_DECODE_EOF)
			*eof = 1;
		else if (b >= 0)
			out[len++] = (char)b;
	}
	return len;
}

static void test_stdin_plain_and_eof(void **state)
{
	struct stdin_decoder d = { 0 };
	char out[32];
	int eof;
	size_t n;

	(void)state;
	n = decode(&d, "a\nb\n\xff", 5, out, &eof);
	assert_int_equal(n, 4);
	assert_memory_equal(out, "a\nb\n", 4);
	assert_false(eof);
	/* The end mark completes across calls; input after it is dropped. */
	n = decode(&d, "\0more", 5, out, &eof);
	assert_int_equal(n, 0);
	assert_true(eof);
	assert_int_equal(stdin_decode(&d, 'x'), STDIN_DECODE_NOTHING);
}

static void test_stdin_escapes(void **state)
{
	struct stdin_decoder d = { 0 };
	char out[32];
	int eof;
	size_t n;

	(void)state;
	/* 0xFF 0xFF is data 0xFF; a NUL alone is data, not an end. */
	n = decode(&d, "\xff\xff\0\r\xff\xff", 6, out, &eof);
	assert_int_equal(n, 4);
	assert_memory_equal(out, "\xff\0\r\xff", 4);
	assert_false(eof);
	/* An unknown pair stands for its second byte. */
	n = decode(&d,
		   "\xff"
		   "A",
		   2, out, &eof);
	assert_int_equal(n, 1);
	assert_int_equal(out[0], 'A');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stream_switch),
		cmocka_unit_test(test_stdin_plain_and_eof),
		cmocka_unit_test(test_stdin_escapes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
