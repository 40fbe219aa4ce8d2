/*
 * Domain command line splitting and quoting (see cmdline.h).
 *
 * Splitting is done in place: quote removal only ever shrinks a word, so a
 * write cursor trailing the read cursor can rebuild each word where it lies.
 */
#include "kernel/cmdline.h"
#include "kernel/lib/format.h"

#include <stdbool.h>

#include "kernel/lib/errno.h"

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Copy a '...' body; r is past the opening quote. NULL if unterminated. */
static char *copy_single(char *r, char **w)
{
	for (; *r != '\''; r++) {
		if (!*r)
			return NULL;
		*(*w)++ = *r;
	}
	return r + 1;
}

/* Copy a "..." body; r is past the opening quote. NULL if unterminated. */
static char *copy_double(char *r, char **w)
{
	for (; *r != '"'; r++) {
		if (!*r)
			return NULL;
		if (*r == '\\' && (r[1] == '"' || r[1] == '\\'))
			r++;
		*(*w)++ = *r;
	}
	return r + 1;
}

/* Rebuild one word at w from r; returns where the word ended in the input. */
static char *split_word(char *r, char *w, int *err)
{
	char sep;

	while (*r && !is_blank(*r)) {
		if (*r == '\'') {
			r = copy_single(r + 1, &w);
		} else if (*r == '"') {
			r = copy_double(r + 1, &w);
		} else {
			/* A trailing lone backslash stays literal. */
			if (*r == '\\' && r[1])
				r++;
			*w++ = *r++;
		}
		if (!r) {
			*err = -EINVAL;
			return NULL;
		}
	}
	/* Look at the separator before the terminator may overwrite it. */
	sep = *r;
	*w = '\0';
	return sep ? r + 1 : r;
}

int cmdline_split(char *line, char **argv, int max_args)
{
	int argc = 0, err = 0;
	char *r = line;

	if (max_args < 0)
		return -EINVAL;
	for (;;) {
		while (is_blank(*r))
			r++;
		if (!*r)
			break;
		if (argc == max_args)
			return -E2BIG;
		argv[argc++] = r;
		r = split_word(r, r, &err);
		if (!r)
			return err;
	}
	argv[argc] = NULL;
	return argc;
}

/* Characters that never need quoting. */
static bool is_plain(char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9'))
		return true;
	switch (c) {
	case '-':
	case '_':
	case '.':
	case '/':
	case '=':
	case ':':
	case ',':
	case '+':
	case '@':
	case '%':
		return true;
	default:
		return false;
	}
}

static bool needs_quotes(const char *s)
{
	if (!*s)
		return true; /* '' keeps an empty argument */
	for (; *s; s++) {
		if (!is_plain(*s))
			return true;
	}
	return false;
}

/* Single-quote s; an embedded ' is written as '\'' (close, \', reopen). */
static void put_quoted(struct sink *o, const char *s)
{
	sink_put(o, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			sink_puts(o, "'\\''");
		else
			sink_put(o, *s);
	}
	sink_put(o, '\'');
}

int cmdline_quote(const char *const *args, int n, char *out, size_t size)
{
	struct sink o = { .buf = out, .size = size, .pos = 0 };
	int i;

	for (i = 0; i < n; i++) {
		if (i)
			sink_put(&o, ' ');
		if (needs_quotes(args[i]))
			put_quoted(&o, args[i]);
		else
			sink_puts(&o, args[i]);
	}
	sink_terminate(&o);
	if (o.pos >= size || o.pos > (size_t)__INT_MAX__)
		return -ENOSPC;
	return (int)o.pos;
}
