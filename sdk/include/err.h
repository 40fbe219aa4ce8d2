/*
 * BSD/glibc error messages: "prog: message: strerror(errno)" (err, warn)
 * or "prog: message" (errx, warnx) on stderr; err and errx then exit.
 * prog is program_invocation_short_name (argv[0]'s last component).
 */
#ifndef _ERR_H
#define _ERR_H

#include <stdarg.h>

#ifdef __cplusplus
extern "C" {
#endif

void err(int status, const char *fmt, ...)
	__attribute__((__noreturn__, __format__(__printf__, 2, 3)));
void verr(int status, const char *fmt, va_list ap)
	__attribute__((__noreturn__, __format__(__printf__, 2, 0)));
void errx(int status, const char *fmt, ...)
	__attribute__((__noreturn__, __format__(__printf__, 2, 3)));
void verrx(int status, const char *fmt, va_list ap)
	__attribute__((__noreturn__, __format__(__printf__, 2, 0)));
void warn(const char *fmt, ...) __attribute__((__format__(__printf__, 1, 2)));
void vwarn(const char *fmt, va_list ap)
	__attribute__((__format__(__printf__, 1, 0)));
void warnx(const char *fmt, ...) __attribute__((__format__(__printf__, 1, 2)));
void vwarnx(const char *fmt, va_list ap)
	__attribute__((__format__(__printf__, 1, 0)));

#ifdef __cplusplus
}
#endif

#endif
