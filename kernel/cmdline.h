/*
 * Domain command line: splitting into argv with POSIX-shell-like quoting,
 * and the inverse (quoting an argv into a line) for tests and host tools.
 */
#ifndef PETREL_KERNEL_CMDLINE_H
#define PETREL_KERNEL_CMDLINE_H

#include <stddef.h>

/*
 * Split line in place into words. Blanks (space, tab, newline, CR) separate
 * words; '...' and "..." group and are removed; a backslash escapes the next
 * character outside single quotes, and inside double quotes only before "
 * or \. Adjacent parts join into one word; "" is an empty word. argv needs
 * max_args + 1 slots: argv[argc] is set to NULL. Returns argc, -E2BIG if
 * there are more than max_args words, -EINVAL on an unterminated quote
 * (line and argv are then left in an unspecified state).
 */
int cmdline_split(char *line, char **argv, int max_args);

/*
 * Join args into a line that cmdline_split turns back into the same args.
 * Returns the line's length, or -ENOSPC if it plus its NUL exceed size
 * (out then holds a truncated, NUL-terminated prefix).
 */
int cmdline_quote(const char *const *args, int n, char *out, size_t size);

#endif /* PETREL_KERNEL_CMDLINE_H */
