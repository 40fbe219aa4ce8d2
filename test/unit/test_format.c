/*
 * Unit tests for kernel/lib/format.c: kvsnprintf/ksnprintf against the
 * host's snprintf, plus truncation, return values and the documented
 * deviations (%p of NULL, unknown conversions, overflow).
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include <cmocka.h>

#include "kernel/lib/errno.h"
#include "kernel/lib/format.h"

/* Format with both implementations and require identical results. */
static void vsame(const char *fmt, va_list ap)
{
	char want[512], got[512];
	va_list aq;
	int wn, gn;

	va_copy(aq, ap);
	wn = vsnprintf(want, sizeof(want), fmt, ap);
	gn = kvsnprintf(got, sizeof(got), fmt, aq);
	va_end(aq);
	if (gn != wn || strcmp(got, want))
		print_error("format \"%s\": want %d \"%s\", got %d \"%s\"\n",
			    fmt, wn, want, gn, got);
	assert_int_equal(gn, wn);
	assert_string_equal(got, want);
}

static void __attribute__((format(printf, 1, 2))) same(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsame(fmt, ap);
	va_end(ap);
}

/*
 * Same, without gcc's format checking: for flag combinations gcc warns
 * about (redundant flags, NULL %s) whose output C or glibc still defines.
 */
static void odd(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsame(fmt, ap);
	va_end(ap);
}

/* ksnprintf without format checking, for deliberately bad formats. */
static int unchecked(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

static void test_plain_text(void **state)
{
	(void)state;
	same("%s", "");
	same("hello, world");
	same("100%%");
	same("%%a%%b%%");
}

static void test_signed_decimal(void **state)
{
	static const int vals[] = {
		0, 1, -1, 42, -42, 1000000, INT_MAX, INT_MIN
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		int v = vals[i];

		same("%d|%i", v, v);
		same("[%5d] [%-5d] [%05d]", v, v, v);
		same("[%+d] [% d] [%+05d] [% 05d]", v, v, v, v);
		same("[%-+6d] [%- 6d]", v, v);
		odd("[%.3d] [%8.3d] [%-8.3d] [%08.3d]", v, v, v, v);
		same("[%.0d] [%5.0d] [%+.0d] [%.12d]", v, v, v, v);
		odd("[%#d] [%20d]", v, v);
	}
}

static void test_unsigned_hex_octal(void **state)
{
	static const unsigned int vals[] = { 0,	  1,	      7,       8,
					     255, 0xdeadbeef, UINT_MAX };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		unsigned int v = vals[i];

		same("%u %x %X %o", v, v, v, v);
		same("[%#x] [%#X] [%#o]", v, v, v);
		same("[%#08x] [%#-8x] [%08X] [%-8o]", v, v, v, v);
		same("[%.0x] [%#.0o] [%#.0x] [%.0u]", v, v, v, v);
		odd("[%#.3x] [%#.5o] [%#12.5o] [%012.5u]", v, v, v, v);
		/* '+' and ' ' only apply to signed conversions. */
		odd("[%+u] [% x]", v, v);
	}
}

static void test_length_modifiers(void **state)
{
	(void)state;
	same("%hhd %hhu %hhx", 300, 300, 300);
	same("%hhd %hhd", -129, 127);
	same("%hd %hu %hx", 70000, 70000, -1);
	same("%ld %lu %lx", LONG_MIN, ULONG_MAX, (long)-1);
	same("%lld %llu %llo", LLONG_MIN, ULLONG_MAX, ULLONG_MAX);
	same("%zu %zx %zd", SIZE_MAX, (size_t)12345, (ssize_t)-5);
	same("%td %tx", (ptrdiff_t)PTRDIFF_MIN, (ptrdiff_t)-2);
	same("%jd %ju %jX", INTMAX_MIN, UINTMAX_MAX, UINTMAX_MAX);
	same("%-+22lld|%022lld", LLONG_MIN, LLONG_MIN);
}

static void test_char(void **state)
{
	char got[16];

	(void)state;
	same("%c%c%c", 'a', 'B', '~');
	same("[%3c] [%-3c]", 'x', 'y');
	/* An embedded NUL is written and counted like any character. */
	assert_int_equal(ksnprintf(got, sizeof(got), "a%cb", 0), 3);
	assert_memory_equal(got, "a\0b", 4);
}

static void test_string(void **state)
{
	static const char unterminated[3] = { 'x', 'y', 'z' };

	(void)state;
	same("%s|%s", "abc", "");
	same("[%10s] [%-10s] [%.2s] [%10.2s] [%.0s]", "abc", "abc", "abc",
	     "abc", "abc");
	same("[%.*s] [%*s] [%*s]", 3, "abcdef", 6, "ab", -6, "ab");
	same("[%.*s]", -1, "negative precision means none");
	/* With a precision the string need not be terminated (ASan checks). */
	same("%.3s", unterminated);
	odd("%s", (char *)NULL);
	odd("[%10s]", (char *)NULL);
}

static void test_star_width_precision(void **state)
{
	(void)state;
	same("[%*d] [%-*d] [%*d]", 5, 42, 5, 42, -5, 42);
	same("[%.*d] [%.*d]", -1, 7, 4, 7);
	same("[%*.*x] [%-*.*X]", 10, 6, 0xabc, 10, 6, 0xabc);
	same("[%0*d]", 8, -3);
}

static void test_pointer(void **state)
{
	char got[64];
	int x;

	(void)state;
	same("%p", (void *)0x1234);
	same("[%20p] [%-20p]", (void *)&x, (void *)&x);
	same("%p", (void *)UINTPTR_MAX);
	/* glibc prints "(nil)"; the kernel keeps the 0x form. */
	assert_int_equal(ksnprintf(got, sizeof(got), "%p", NULL), 3);
	assert_string_equal(got, "0x0");
}

/* Every buffer size: right return value, a NUL, nothing past size. */
static void test_truncation(void **state)
{
	const char *want = "value=-1234 name=xen 0x2a";
	size_t len = strlen(want), size;

	(void)state;
	for (size = 0; size <= len + 2; size++) {
		char buf[64];
		int n;

		memset(buf, '#', sizeof(buf));
		n = ksnprintf(buf, size, "value=%d name=%s %#x", -1234, "xen",
			      42);
		assert_int_equal(n, (int)len);
		if (size) {
			size_t kept = size - 1 < len ? size - 1 : len;

			assert_memory_equal(buf, want, kept);
			assert_int_equal(buf[kept], '\0');
			assert_int_equal(buf[kept + 1], '#');
		} else {
			assert_int_equal(buf[0], '#');
		}
	}
	assert_int_equal(ksnprintf(NULL, 0, "%d", 12345), 5);
}

static void test_truncated_padding(void **state)
{
	char buf[8];

	(void)state;
	memset(buf, '#', sizeof(buf));
	assert_int_equal(ksnprintf(buf, sizeof(buf), "%1000d", 1), 1000);
	assert_string_equal(buf, "       ");
	assert_int_equal(ksnprintf(buf, sizeof(buf), "%-*s|", 100000, "ab"),
			 100001);
	assert_string_equal(buf, "ab     ");
}

static void test_overflow(void **state)
{
	char buf[8];

	(void)state;
	/* The full length would exceed INT_MAX: C99 says fail. */
	assert_int_equal(unchecked(buf, sizeof(buf), "%*d%*d", INT_MAX, 1,
				   INT_MAX, 2),
			 -EOVERFLOW);
	assert_string_equal(buf, "       ");
}

static void test_unknown_conversion(void **state)
{
	char buf[32];

	(void)state;
	/* Unknown directives, and %n, are copied to the output verbatim. */
	assert_int_equal(unchecked(buf, sizeof(buf), "a%yb"), 4);
	assert_string_equal(buf, "a%yb");
	assert_int_equal(unchecked(buf, sizeof(buf), "[%-5k]"), 6);
	assert_string_equal(buf, "[%-5k]");
	assert_int_equal(unchecked(buf, sizeof(buf), "abc%"), 4);
	assert_string_equal(buf, "abc%");
	assert_int_equal(unchecked(buf, sizeof(buf), "%d%n", 5, (int *)0), 3);
	assert_string_equal(buf, "5%n");
}

/* Build "%[flags][width][.prec]<len><conv>" at random. */
static const char *random_spec(char *spec, int *len_kind, char *conv)
{
	static const char flags[] = "-0+ #";
	static const char convs[] = "diuxXo";
	static const char *const lens[] = { "", "hh", "h", "l", "ll", "z", "j" };
	char *p = spec;
	int i;

	*p++ = '%';
	for (i = 0; i < 5; i++) {
		if (rand() % 3 == 0)
			*p++ = flags[i];
	}
	if (rand() % 2)
		p += sprintf(p, "%d", rand() % 30);
	if (rand() % 2)
		p += sprintf(p, ".%d", rand() % 30);
	*len_kind = rand() % 7;
	p += sprintf(p, "%s", lens[*len_kind]);
	*conv = convs[rand() % 6];
	*p++ = *conv;
	*p = '\0';
	return spec;
}

static unsigned long long random_u64(void)
{
	unsigned long long v = 0;
	int i;

	for (i = 0; i < 4; i++)
		v = v << 16 | (unsigned)(rand() & 0xffff);
	/* Favour small and boundary magnitudes as well as wide ones. */
	return rand() % 4 ? v >> (rand() % 64) : v;
}

static void check_random_spec(const char *spec, int len_kind, char conv,
			      unsigned long long v)
{
	int sgn = conv == 'd' || conv == 'i';

	switch (len_kind) {
	case 0:
		odd(spec, (int)v);
		break;
	case 1:
		odd(spec, sgn ? (int)(signed char)v : (int)(unsigned char)v);
		break;
	case 2:
		odd(spec, sgn ? (int)(short)v : (int)(unsigned short)v);
		break;
	case 3:
		odd(spec, (long)v);
		break;
	case 4:
		odd(spec, (long long)v);
		break;
	case 5:
		odd(spec, (size_t)v);
		break;
	default:
		odd(spec, (intmax_t)v);
		break;
	}
}

static void test_random_against_libc(void **state)
{
	int i;

	(void)state;
	srand(1234);
	for (i = 0; i < 20000; i++) {
		char spec[64];
		int len_kind;
		char conv;

		random_spec(spec, &len_kind, &conv);
		check_random_spec(spec, len_kind, conv, random_u64());
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_text),
		cmocka_unit_test(test_signed_decimal),
		cmocka_unit_test(test_unsigned_hex_octal),
		cmocka_unit_test(test_length_modifiers),
		cmocka_unit_test(test_char),
		cmocka_unit_test(test_string),
		cmocka_unit_test(test_star_width_precision),
		cmocka_unit_test(test_pointer),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_truncated_padding),
		cmocka_unit_test(test_overflow),
		cmocka_unit_test(test_unknown_conversion),
		cmocka_unit_test(test_random_against_libc),
	};

	/* Line-buffered, so results survive a sanitizer abort. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
