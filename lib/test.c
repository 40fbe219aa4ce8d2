/*
 * The conformance test framework (petrel/test.h): finds the test an
 * instance name asks for among the registered ones, runs it, and ends
 * the console with XTF's "Test result: ..." line. The image's exit
 * status says the same (0, 3, 4, 5 as xtf-runner's codes), so the
 * runner can cross-check the two.
 */
#include <stdarg.h>
#include "arch/platform.h"
#include "kernel/console.h"
#include "kernel/lib/format.h"
#include "kernel/lib/string.h"
#include "petrel/test.h"

#define TEST_LINE_MAX 512

/* The registered tests: PETREL_TEST's section. Weak, so an image with
 * no tests links too. */
extern const struct petrel_test __start_petrel_tests[] __attribute__((weak));
extern const struct petrel_test __stop_petrel_tests[] __attribute__((weak));

static const char *const status_names[] = {
	[PETREL_TEST_SUCCESS] = "SUCCESS",
	[PETREL_TEST_SKIP] = "SKIP",
	[PETREL_TEST_ERROR] = "ERROR",
	[PETREL_TEST_FAILURE] = "FAILURE",
};

/* xtf-runner's exit codes for each result. */
static const int status_exit_codes[] = {
	[PETREL_TEST_SUCCESS] = 0,
	[PETREL_TEST_SKIP] = 3,
	[PETREL_TEST_ERROR] = 4,
	[PETREL_TEST_FAILURE] = 5,
};

static enum petrel_test_status status;

static void out_v(const char *prefix, const char *fmt, va_list ap)
{
	char buf[TEST_LINE_MAX];
	size_t len = strlen(prefix);
	int n;

	memcpy(buf, prefix, len);
	n = kvsnprintf(buf + len, sizeof(buf) - len - 1, fmt, ap);
	if (n < 0)
		n = 0;
	len += (size_t)n < sizeof(buf) - len - 1 ? (size_t)n :
						   sizeof(buf) - len - 2;
	buf[len++] = '\n';
	console_write_stream(CONSOLE_STDOUT, buf, len);
}

static void out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void out(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	out_v("", fmt, ap);
	va_end(ap);
}

static void report(enum petrel_test_status s, const char *prefix,
		   const char *fmt, va_list ap)
{
	out_v(prefix, fmt, ap);
	if (s > status)
		status = s;
}

void petrel_test_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(PETREL_TEST_FAILURE, "Failure: ", fmt, ap);
	va_end(ap);
}

void petrel_test_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(PETREL_TEST_ERROR, "Error: ", fmt, ap);
	va_end(ap);
}

void petrel_test_skip(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(PETREL_TEST_SKIP, "Skip: ", fmt, ap);
	va_end(ap);
}

void petrel_test_note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	out_v("  ", fmt, ap);
	va_end(ap);
}

enum petrel_test_status petrel_test_status(void)
{
	return status;
}

/* The mode the kernel booted in, not the one the instance name claims. */
int petrel_test_is_pv(void)
{
	return arch_platform == &pv_platform;
}

const char *petrel_test_mode(void)
{
	return petrel_test_is_pv() ? "pv" : "pvh";
}

int petrel_test_check_eq(long got, long want, const char *expr,
			 const char *file, int line)
{
	if (got == want)
		return 1;
	petrel_test_fail("%s:%d: %s is %ld (%#lx), expected %ld (%#lx)", file,
			 line, expr, got, (unsigned long)got, want,
			 (unsigned long)want);
	return 0;
}

int petrel_test_check(int cond, const char *expr, const char *file, int line)
{
	if (!cond)
		petrel_test_fail("%s:%d: %s is false", file, line, expr);
	return cond;
}

static const struct petrel_test *find_test(const char *name)
{
	for (const struct petrel_test *t = __start_petrel_tests;
	     t < __stop_petrel_tests; t++)
		if (!strcmp(t->name, name))
			return t;
	return NULL;
}

static int list_tests(void)
{
	for (const struct petrel_test *t = __start_petrel_tests;
	     t < __stop_petrel_tests; t++)
		out("%s %s", t->name, t->title);
	return 0;
}

/* "test-pv64-NAME" / "test-pvh64-NAME" / a bare NAME: returns NAME, or
 * NULL when the name claims a mode other than the one we booted in. */
static const char *parse_instance(const char *instance)
{
	static const struct {
		const char *prefix, *mode;
	} forms[] = { { "test-pv64-", "pv" }, { "test-pvh64-", "pvh" } };

	for (unsigned int i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		size_t len = strlen(forms[i].prefix);

		if (strncmp(instance, forms[i].prefix, len))
			continue;
		if (strcmp(forms[i].mode, petrel_test_mode()))
			return NULL;
		return instance + len;
	}
	return instance;
}

static int finish(void)
{
	out("Test result: %s", status_names[status]);
	return status_exit_codes[status];
}

int petrel_test_main(int argc, char **argv)
{
	const struct petrel_test *t;
	const char *name;

	if (argc == 2 && !strcmp(argv[1], "--list"))
		return list_tests();
	out("--- Petrel conformance test ---");
	if (argc != 2) {
		petrel_test_error("want one argument: a test instance name "
				  "(test-pv64-NAME) or --list");
		return finish();
	}
	name = parse_instance(argv[1]);
	out("Environment: %s 64bit (Long mode 4 levels)", arch_platform->name);
	if (!name) {
		petrel_test_error("instance '%s' is for another mode than this "
				  "%s guest",
				  argv[1], arch_platform->name);
		return finish();
	}
	t = find_test(name);
	if (!t) {
		petrel_test_error("no test named '%s' (see --list)", name);
		return finish();
	}
	out("Test %s: %s", t->name, t->title);
	t->fn();
	return finish();
}
