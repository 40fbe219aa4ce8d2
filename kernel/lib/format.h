/*
 * printf-style formatting into a buffer, for the console and panic paths.
 * C99 snprintf semantics without floating point; see format.c for the
 * supported conversions.
 */
#ifndef PETREL_KERNEL_LIB_FORMAT_H
#define PETREL_KERNEL_LIB_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

/*
 * Format into buf, writing at most size bytes including the terminating NUL
 * (always written when size > 0). Returns the length the full output would
 * have had, or -EOVERFLOW if that exceeds INT_MAX.
 */
int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
int ksnprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* PETREL_KERNEL_LIB_FORMAT_H */
