/*
 * Multibyte and wide characters, UTF-8 locales and iconv, printed so that
 * the output can be compared line for line with the same program built
 * for the host with gcc and glibc (test/integration/suite.py does that).
 *
 *   locale   setlocale(LC_ALL, "C.UTF-8") succeeds; MB_CUR_MAX
 *   mb       mblen/mbrtowc on 1- to 4-byte sequences and on bad bytes,
 *            UTF-16 surrogates refused both ways;
 *            mbstowcs of a mixed-script UTF-8 string, code point by code
 *            point, and wcstombs back to the same bytes
 *   case     towctrans with wctrans("toupper"/"tolower"), towupper,
 *            towlower, iswalpha/iswupper/iswlower/iswdigit/iswspace,
 *            a Devanagari digit is alphabetic
 *   printf   %ls and %lc in snprintf
 *   iconv    UTF-8 -> UTF-16 (BOM, host order) -> ISO-8859-1 -> UTF-8
 *            round trip, with every intermediate byte printed; UTF-16LE;
 *            an invalid UTF-8 byte is EILSEQ
 *
 * Every line starts with "wchar: "; the last one is "wchar: done". The
 * program also checks its round trips itself and exits 1 if one fails.
 */
#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

/* Latin, Latin-1 supplement, Greek, Cyrillic, CJK and an emoji. */
static const char mixed[] = "Grüße, ΕΛΛΆΔΑ σοφία, Жизнь, 日本語 😀!";
/* Only characters that ISO-8859-1 has. */
static const char latin1_text[] = "Grüße, café à la crème ÿ ©";

static int failures;

static void fail(const char *what)
{
	printf("wchar: FAILED: %s\n", what);
	failures++;
}

static const char *errno_name(void)
{
	if (errno == EILSEQ)
		return "EILSEQ";
	return errno ? "other" : "0";
}

static void print_hex(const char *label, const void *data, size_t len)
{
	const unsigned char *bytes = data;

	printf("wchar: %s:", label);
	for (size_t i = 0; i < len; i++)
		printf(" %02x", bytes[i]);
	printf("\n");
}

static void check_locale(void)
{
	const char *got = setlocale(LC_ALL, "C.UTF-8");

	printf("wchar: setlocale C.UTF-8: %s\n", got ? "ok" : "NULL");
	if (!got)
		fail("setlocale(LC_ALL, \"C.UTF-8\")");
	printf("wchar: MB_CUR_MAX %d\n", (int)MB_CUR_MAX);
}

static void check_mb_lengths(void)
{
	static const char *const seqs[] = { "A",    "é",    "€",       "😀",
					    "\xff", "\xc3", "\xe2\x82" };
	mbstate_t st;
	wchar_t wc;

	for (size_t i = 0; i < sizeof(seqs) / sizeof(seqs[0]); i++) {
		size_t len = strlen(seqs[i]);
		size_t r;

		memset(&st, 0, sizeof(st));
		wc = 0;
		errno = 0;
		r = mbrtowc(&wc, seqs[i], len, &st);
		printf("wchar: mbrtowc #%zu: %ld U+%04lX errno=%s\n", i,
		       (long)r, r < len + 1 ? (unsigned long)wc : 0UL,
		       errno_name());
	}
	mblen(NULL, 0);
	printf("wchar: mblen 😀 %d\n", mblen("😀", 4));
}

/* UTF-16 surrogates are no characters: neither decoded nor encoded. */
static void check_surrogates(void)
{
	mbstate_t st;
	wchar_t wc = 0;
	char out[MB_LEN_MAX];
	size_t r;

	memset(&st, 0, sizeof(st));
	errno = 0;
	r = mbrtowc(&wc, "\xed\xa0\x80", 3, &st);
	printf("wchar: mbrtowc of U+D800's bytes: %ld errno=%s\n", (long)r,
	       errno_name());
	memset(&st, 0, sizeof(st));
	errno = 0;
	r = wcrtomb(out, 0xdc00, &st);
	printf("wchar: wcrtomb U+DC00: %ld errno=%s\n", (long)r, errno_name());
}

static void check_roundtrip(wchar_t *wide, size_t max)
{
	char back[256];
	size_t n = mbstowcs(wide, mixed, max);

	printf("wchar: mbstowcs %zu chars from %zu bytes\n", n, strlen(mixed));
	if (n == (size_t)-1 || n >= max) {
		fail("mbstowcs");
		wide[0] = 0;
		return;
	}
	printf("wchar: code points:");
	for (size_t i = 0; i < n; i++)
		printf(" %lX", (unsigned long)wide[i]);
	printf("\n");
	printf("wchar: wcstombs length %zu\n", wcstombs(NULL, wide, 0));
	if (wcstombs(back, wide, sizeof(back)) != strlen(mixed) ||
	    strcmp(back, mixed))
		fail("wcstombs does not give back the mbstowcs input");
	else
		printf("wchar: mbstowcs/wcstombs round trip ok\n");
}

static void print_mapped(const char *label, const wchar_t *wide,
			 wint_t (*map)(wint_t, wctrans_t), wctrans_t how)
{
	wchar_t out[128];
	char bytes[512];
	size_t i;

	for (i = 0; wide[i] && i < 127; i++)
		out[i] = map(wide[i], how);
	out[i] = 0;
	if (wcstombs(bytes, out, sizeof(bytes)) == (size_t)-1)
		strcpy(bytes, "(wcstombs failed)");
	printf("wchar: %s: %s\n", label, bytes);
}

static wint_t map_towupper(wint_t c, wctrans_t unused)
{
	(void)unused;
	return towupper(c);
}

static wint_t map_towlower(wint_t c, wctrans_t unused)
{
	(void)unused;
	return towlower(c);
}

static void check_case(const wchar_t *wide)
{
	wctrans_t upper = wctrans("toupper"), lower = wctrans("tolower");

	printf("wchar: wctrans toupper %s, tolower %s, bogus %s\n",
	       upper ? "found" : "0", lower ? "found" : "0",
	       wctrans("bogus") ? "found" : "0");
	print_mapped("towctrans toupper", wide, towctrans, upper);
	print_mapped("towctrans tolower", wide, towctrans, lower);
	print_mapped("towupper", wide, map_towupper, 0);
	print_mapped("towlower", wide, map_towlower, 0);
	printf("wchar: classes:");
	for (size_t i = 0; wide[i]; i++)
		printf(" %c%c%c%c%c", iswalpha(wide[i]) ? 'a' : '-',
		       iswupper(wide[i]) ? 'u' : '-',
		       iswlower(wide[i]) ? 'l' : '-',
		       iswdigit(wide[i]) ? 'd' : '-',
		       iswspace(wide[i]) ? 's' : '-');
	printf("\n");
	/* Digits of other scripts: alphabetic and alphanumeric, not digit. */
	printf("wchar: U+0967 alpha %d alnum %d digit %d\n", !!iswalpha(0x967),
	       !!iswalnum(0x967), !!iswdigit(0x967));
}

static void check_wide_printf(void)
{
	char buf[128];
	int n = snprintf(buf, sizeof(buf), "[%ls|%lc|%5lc]", L"Ωμέγα €",
			 (wint_t)0x263a, (wint_t)0xe9);

	printf("wchar: snprintf %%ls %d: %s\n", n, buf);
}

/* Converts all of in with cd; returns the output length, or -1. */
static long convert(const char *from, const char *to, const char *in,
		    size_t in_len, char *out, size_t out_max)
{
	iconv_t cd = iconv_open(to, from);
	char *inp = (char *)in, *outp = out;
	size_t in_left = in_len, out_left = out_max;
	size_t r;

	if (cd == (iconv_t)-1) {
		printf("wchar: iconv_open %s -> %s failed\n", from, to);
		return -1;
	}
	errno = 0;
	r = iconv(cd, &inp, &in_left, &outp, &out_left);
	if (r == (size_t)-1) {
		printf("wchar: iconv %s -> %s: -1 errno=%s at byte %zu\n", from,
		       to, errno_name(), (size_t)(inp - in));
		iconv_close(cd);
		return -1;
	}
	iconv_close(cd);
	return (long)(out_max - out_left);
}

static void check_iconv(void)
{
	char utf16[256], latin1[128], utf8[256], le[64];
	long n16, n1, n8, nle;

	n16 = convert("UTF-8", "UTF-16", latin1_text, strlen(latin1_text),
		      utf16, sizeof(utf16));
	n1 = n16 < 0 ? -1 :
		       convert("UTF-16", "ISO-8859-1", utf16, n16, latin1,
			       sizeof(latin1));
	n8 = n1 < 0 ? -1 :
		      convert("ISO-8859-1", "UTF-8", latin1, n1, utf8,
			      sizeof(utf8));
	if (n8 < 0) {
		fail("iconv round trip");
		return;
	}
	print_hex("UTF-16", utf16, n16);
	print_hex("ISO-8859-1", latin1, n1);
	if ((size_t)n8 != strlen(latin1_text) || memcmp(utf8, latin1_text, n8))
		fail("iconv UTF-8 -> UTF-16 -> ISO-8859-1 -> UTF-8 differs");
	else
		printf("wchar: iconv round trip ok\n");

	nle = convert("UTF-8", "UTF-16LE", "A€😀", strlen("A€😀"), le,
		      sizeof(le));
	if (nle >= 0)
		print_hex("UTF-16LE", le, nle);
	nle = convert("UTF-8", "UTF-16", "ab\xff", 3, le, sizeof(le));
	printf("wchar: invalid UTF-8 gives %ld\n", nle);
}

int main(void)
{
	wchar_t wide[128];

	check_locale();
	check_mb_lengths();
	check_surrogates();
	check_roundtrip(wide, sizeof(wide) / sizeof(wide[0]));
	check_case(wide);
	check_wide_printf();
	check_iconv();
	printf("wchar: done\n");
	return failures ? 1 : 0;
}
