/*
 * Domain command line: splitting into words with POSIX-shell-like quoting,
 * the inverse (quoting an argv into a line) for tests and host tools, and
 * the one rule that tells the kernel's settings from the app's arguments.
 */
#ifndef PETREL_KERNEL_CMDLINE_H
#define PETREL_KERNEL_CMDLINE_H

#include <stdbool.h>
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

/*
 * The one rule (sdk/lib/petrel/jobs.py always writes this form):
 *
 *     [SETTING...] -- [ARG...]
 *
 * A SETTING is NAME=VALUE with NAME a C identifier (environment) or
 * petrel.NAME=VALUE (a kernel option). Every word after the first "--"
 * is the app's, whatever it looks like. A line not of this form (no "--",
 * or a word before it that is not a setting) is all arguments, so a
 * hand-written xl extra="a b" still works. Returns the index in words of
 * the "--" that ends the settings, or -1.
 */
int cmdline_settings_end(char *const *words, int n);

/* NAME=VALUE with NAME a C identifier. */
bool cmdline_is_env(const char *word);

/* VALUE when word is "petrel.<name>=VALUE", else NULL. */
const char *cmdline_option(const char *word, const char *name);

/* Whether word is "petrel.NAME=VALUE" for some NAME. */
bool cmdline_is_option(const char *word);

#endif /* PETREL_KERNEL_CMDLINE_H */
