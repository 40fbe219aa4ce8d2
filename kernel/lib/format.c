/*
 * printf-style formatting (see format.h).
 *
 * Conversions: d i u x X o c s p %. Flags: - 0 + space #. Width and
 * precision, both also as '*'. Length modifiers: hh h l ll z t j.
 * Deliberate differences from glibc: no floating point, no %n (a
 * write-anywhere primitive the kernel does not need), %p of NULL prints
 * "0x0", and "(null)" for a NULL %s is cut by the precision like any string.
 * An unknown conversion is copied to the output verbatim.
 */
#include "kernel/lib/format.h"

#include <stdbool.h>
#include <stdint.h>

#include "kernel/lib/errno.h"

enum {
	F_LEFT = 1 << 0,
	F_ZERO = 1 << 1,
	F_PLUS = 1 << 2,
	F_SPACE = 1 << 3,
	F_ALT = 1 << 4,
};

enum length { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_Z, LEN_T, LEN_J };

struct spec {
	unsigned int flags;
	int width;
	int prec; /* -1: not given */
	enum length len;
	char conv;
};

void sink_put(struct sink *o, char c)
{
	if (o->pos + 1 < o->size)
		o->buf[o->pos] = c;
	o->pos++;
}

void sink_puts(struct sink *o, const char *s)
{
	while (*s)
		sink_put(o, *s++);
}

void sink_terminate(struct sink *o)
{
	if (o->size)
		o->buf[o->pos < o->size ? o->pos : o->size - 1] = '\0';
}

static void emit_repeat(struct sink *o, char c, int n)
{
	/* Only the part that fits is written; the rest is just counted. */
	for (; n > 0 && o->pos + 1 < o->size; n--)
		o->buf[o->pos++] = c;
	if (n > 0)
		o->pos += (size_t)n;
}

static void emit_chars(struct sink *o, const char *s, size_t n)
{
	while (n--)
		sink_put(o, *s++);
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Parse a decimal field, saturating instead of overflowing. */
static const char *parse_decimal(const char *f, int *out)
{
	int v = 0;

	for (; is_digit(*f); f++) {
		int d = *f - '0';

		v = v > (__INT_MAX__ - d) / 10 ? __INT_MAX__ : v * 10 + d;
	}
	*out = v;
	return f;
}

static const char *parse_flags(const char *f, struct spec *sp)
{
	for (;; f++) {
		switch (*f) {
		case '-':
			sp->flags |= F_LEFT;
			break;
		case '0':
			sp->flags |= F_ZERO;
			break;
		case '+':
			sp->flags |= F_PLUS;
			break;
		case ' ':
			sp->flags |= F_SPACE;
			break;
		case '#':
			sp->flags |= F_ALT;
			break;
		default:
			return f;
		}
	}
}

static const char *parse_width(const char *f, struct spec *sp, va_list *ap)
{
	int w;

	if (*f != '*')
		return parse_decimal(f, &sp->width);
	w = va_arg(*ap, int);
	if (w < 0) {
		/* C: a negative '*' width means '-' flag plus positive width. */
		sp->flags |= F_LEFT;
		w = w == -__INT_MAX__ - 1 ? __INT_MAX__ : -w;
	}
	sp->width = w;
	return f + 1;
}

static const char *parse_prec(const char *f, struct spec *sp, va_list *ap)
{
	int p;

	if (*f != '.')
		return f;
	f++;
	if (*f != '*')
		return parse_decimal(f, &sp->prec);
	p = va_arg(*ap, int);
	sp->prec = p < 0 ? -1 : p; /* negative means "not given" */
	return f + 1;
}

static const char *parse_length(const char *f, struct spec *sp)
{
	switch (*f) {
	case 'h':
		if (f[1] == 'h') {
			sp->len = LEN_HH;
			return f + 2;
		}
		sp->len = LEN_H;
		return f + 1;
	case 'l':
		if (f[1] == 'l') {
			sp->len = LEN_LL;
			return f + 2;
		}
		sp->len = LEN_L;
		return f + 1;
	case 'z':
		sp->len = LEN_Z;
		return f + 1;
	case 't':
		sp->len = LEN_T;
		return f + 1;
	case 'j':
		sp->len = LEN_J;
		return f + 1;
	default:
		return f;
	}
}

static uintmax_t arg_unsigned(enum length len, va_list *ap)
{
	switch (len) {
	case LEN_HH:
		return (unsigned char)va_arg(*ap, unsigned int);
	case LEN_H:
		return (unsigned short)va_arg(*ap, unsigned int);
	case LEN_L:
		return va_arg(*ap, unsigned long);
	case LEN_LL:
		return va_arg(*ap, unsigned long long);
	case LEN_Z:
		return va_arg(*ap, size_t);
	case LEN_T:
		return (size_t)va_arg(*ap, ptrdiff_t);
	case LEN_J:
		return va_arg(*ap, uintmax_t);
	default:
		return va_arg(*ap, unsigned int);
	}
}

static intmax_t arg_signed(enum length len, va_list *ap)
{
	switch (len) {
	case LEN_HH:
		return (signed char)va_arg(*ap, int);
	case LEN_H:
		return (short)va_arg(*ap, int);
	case LEN_L:
		return va_arg(*ap, long);
	case LEN_LL:
		return va_arg(*ap, long long);
	case LEN_Z:
		return (ptrdiff_t)va_arg(*ap, size_t);
	case LEN_T:
		return va_arg(*ap, ptrdiff_t);
	case LEN_J:
		return va_arg(*ap, intmax_t);
	default:
		return va_arg(*ap, int);
	}
}

/* Sign or 0x prefix; returns its length. */
static int int_prefix(const struct spec *sp, bool neg, uintmax_t v, char *p)
{
	bool is_signed = sp->conv == 'd' || sp->conv == 'i';
	int n = 0;

	if (neg)
		p[n++] = '-';
	else if (is_signed && (sp->flags & F_PLUS))
		p[n++] = '+';
	else if (is_signed && (sp->flags & F_SPACE))
		p[n++] = ' ';

	if (sp->conv == 'p' || ((sp->flags & F_ALT) && v &&
				(sp->conv == 'x' || sp->conv == 'X'))) {
		p[n++] = '0';
		p[n++] = sp->conv == 'X' ? 'X' : 'x';
	}
	return n;
}

/* Digits of v in the conversion's base, least significant first. */
static int int_digits(const struct spec *sp, uintmax_t v, char *d)
{
	const char *set = sp->conv == 'X' ? "0123456789ABCDEF" :
					    "0123456789abcdef";
	unsigned int base = 10;
	int n = 0;

	if (sp->conv == 'x' || sp->conv == 'X' || sp->conv == 'p')
		base = 16;
	else if (sp->conv == 'o')
		base = 8;
	for (; v; v /= base)
		d[n++] = set[v % base];
	return n;
}

static void put_integer(struct sink *o, const struct spec *sp, uintmax_t v,
			bool neg)
{
	char prefix[3], digits[24]; /* 22 octal digits cover 64 bits */
	int np = int_prefix(sp, neg, v, prefix);
	int nd = int_digits(sp, v, digits);
	int prec = sp->prec < 0 ? 1 : sp->prec;
	int zeros, pad;

	/* '#' with 'o' forces a leading zero digit. */
	if ((sp->flags & F_ALT) && sp->conv == 'o' && prec <= nd)
		prec = nd + 1;
	zeros = prec > nd ? prec - nd : 0;
	pad = sp->width - np - zeros - nd;
	if (pad < 0)
		pad = 0;
	/* '0' is ignored with '-' or an explicit precision. */
	if ((sp->flags & F_ZERO) && !(sp->flags & F_LEFT) && sp->prec < 0) {
		zeros += pad;
		pad = 0;
	}

	if (!(sp->flags & F_LEFT))
		emit_repeat(o, ' ', pad);
	emit_chars(o, prefix, (size_t)np);
	emit_repeat(o, '0', zeros);
	while (nd)
		sink_put(o, digits[--nd]);
	if (sp->flags & F_LEFT)
		emit_repeat(o, ' ', pad);
}

static void put_padded(struct sink *o, const struct spec *sp, const char *s,
		       size_t n)
{
	int pad = (size_t)sp->width > n ? sp->width - (int)n : 0;

	if (!(sp->flags & F_LEFT))
		emit_repeat(o, ' ', pad);
	emit_chars(o, s, n);
	if (sp->flags & F_LEFT)
		emit_repeat(o, ' ', pad);
}

static void put_string(struct sink *o, const struct spec *sp, const char *s)
{
	size_t n = 0;

	if (!s)
		s = "(null)";
	/* With a precision, s need not be NUL-terminated: never read past. */
	while ((sp->prec < 0 || n < (size_t)sp->prec) && s[n])
		n++;
	put_padded(o, sp, s, n);
}

static void convert(struct sink *o, const struct spec *sp, va_list *ap)
{
	intmax_t sv;
	char c;

	switch (sp->conv) {
	case 'd':
	case 'i':
		sv = arg_signed(sp->len, ap);
		put_integer(o, sp, sv < 0 ? -(uintmax_t)sv : (uintmax_t)sv,
			    sv < 0);
		break;
	case 'u':
	case 'x':
	case 'X':
	case 'o':
		put_integer(o, sp, arg_unsigned(sp->len, ap), false);
		break;
	case 'p':
		put_integer(o, sp, (uintptr_t)va_arg(*ap, void *), false);
		break;
	case 'c':
		c = (char)va_arg(*ap, int);
		put_padded(o, sp, &c, 1);
		break;
	case 's':
		put_string(o, sp, va_arg(*ap, const char *));
		break;
	}
}

static bool is_conversion(char c)
{
	switch (c) {
	case 'd':
	case 'i':
	case 'u':
	case 'x':
	case 'X':
	case 'o':
	case 'p':
	case 'c':
	case 's':
		return true;
	default:
		return false;
	}
}

/* Handle one directive starting at '%'; returns where to continue. */
static const char *format_one(struct sink *o, const char *f, va_list *ap)
{
	const char *start = f;
	struct spec sp = { .prec = -1 };

	f = parse_flags(f + 1, &sp);
	f = parse_width(f, &sp, ap);
	f = parse_prec(f, &sp, ap);
	f = parse_length(f, &sp);
	sp.conv = *f;

	if (sp.conv == '%') {
		sink_put(o, '%');
		return f + 1;
	}
	if (!is_conversion(sp.conv)) {
		/* Show the malformed directive rather than guess at it. */
		if (*f)
			f++;
		emit_chars(o, start, (size_t)(f - start));
		return f;
	}
	convert(o, &sp, ap);
	return f + 1;
}

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct sink o = { .buf = buf, .size = size, .pos = 0 };
	va_list args;

	/* A local copy, so helpers can take its address portably. */
	va_copy(args, ap);
	while (*fmt) {
		if (*fmt == '%')
			fmt = format_one(&o, fmt, &args);
		else
			sink_put(&o, *fmt++);
	}
	va_end(args);

	sink_terminate(&o);
	return o.pos > (size_t)__INT_MAX__ ? -EOVERFLOW : (int)o.pos;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return ret;
}
