/*
 * The com_err() libext2fs calls to report an inconsistency it found
 * (a bitmap bit out of range, a bad magic number), in place of lib/et's
 * full library: one line on stderr, no error-table registry, no
 * constructor. libext2fs's callers get the error code as well; this is
 * only the note a user would see from e2fsprogs' tools.
 */
#include <stdarg.h>
#include <stdio.h>
#include <et/com_err.h>

void com_err_va(const char *whoami, errcode_t code, const char *fmt,
		va_list args)
{
	fprintf(stderr, "ext2: %s%scode %ld: ", whoami ? whoami : "",
		whoami ? ": " : "", (long)code);
	vfprintf(stderr, fmt, args);
	fputc('\n', stderr);
}

void com_err(const char *whoami, errcode_t code, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	com_err_va(whoami, code, fmt, args);
	va_end(args);
}
