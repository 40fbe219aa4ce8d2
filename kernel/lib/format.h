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

/*
 * A bounded output cursor, shared by the formatter and other writers of
 * C strings: pos keeps counting past the end, so callers learn the
 * length the whole output would have had.
 */
struct sink {
	char *buf;
	size_t size;
	size_t pos;
};

void sink_put(struct sink *o, char c);
void sink_puts(struct sink *o, const char *s);
/* NUL-terminate what fitted (when size > 0). */
void sink_terminate(struct sink *o);

#endif /* PETREL_KERNEL_LIB_FORMAT_H */
