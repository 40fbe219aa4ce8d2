/*
 * err, warn and friends (BSD, glibc): "prog: " then the message, then
 * ": strerror(errno)" for err/warn, then a newline, on stderr. errno is
 * read before anything is printed, and left as it was.
 */
#include <err.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lib/libc/progname.h"

static void report(const char *fmt, va_list ap, int with_errno)
{
	int saved = errno;

	fprintf(stderr, "%s: ", program_invocation_short_name);
	if (fmt) {
		vfprintf(stderr, fmt, ap);
		if (with_errno)
			fputs(": ", stderr);
	}
	if (with_errno)
		fputs(strerror(saved), stderr);
	fputc('\n', stderr);
	errno = saved;
}

void vwarn(const char *fmt, va_list ap)
{
	report(fmt, ap, 1);
}

void vwarnx(const char *fmt, va_list ap)
{
	report(fmt, ap, 0);
}

void verr(int status, const char *fmt, va_list ap)
{
	report(fmt, ap, 1);
	exit(status);
}

void verrx(int status, const char *fmt, va_list ap)
{
	report(fmt, ap, 0);
	exit(status);
}

void warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
}

void warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
}

void err(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verr(status, fmt, ap);
}

void errx(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verrx(status, fmt, ap);
}
