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

static bool is_identifier_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_identifier_char(char c)
{
	return is_identifier_start(c) || (c >= '0' && c <= '9');
}

/* Past a C identifier at s followed by '=', or NULL. */
static const char *after_name(const char *s)
{
	if (!is_identifier_start(*s))
		return NULL;
	while (is_identifier_char(*s))
		s++;
	return *s == '=' ? s + 1 : NULL;
}

bool cmdline_is_env(const char *word)
{
	return after_name(word) != NULL;
}

#define OPTION_PREFIX "petrel."

static bool has_prefix(const char *s, const char *prefix)
{
	while (*prefix)
		if (*s++ != *prefix++)
			return false;
	return true;
}

bool cmdline_is_option(const char *word)
{
	return has_prefix(word, OPTION_PREFIX) &&
	       after_name(word + sizeof(OPTION_PREFIX) - 1) != NULL;
}

const char *cmdline_option(const char *word, const char *name)
{
	const char *p = word + sizeof(OPTION_PREFIX) - 1;

	if (!has_prefix(word, OPTION_PREFIX) || !has_prefix(p, name))
		return NULL;
	p += __builtin_strlen(name);
	return *p == '=' ? p + 1 : NULL;
}

int cmdline_settings_end(char *const *words, int n)
{
	for (int i = 0; i < n; i++) {
		const char *w = words[i];

		if (w[0] == '-' && w[1] == '-' && !w[2])
			return i;
		if (!cmdline_is_env(w) && !cmdline_is_option(w))
			return -1;
	}
	return -1;
}
