/*
 * args.h: reading a number option (-p 8080), which the appliances
 * (apps/echo, apps/httpd, apps/kvstore) parse alike. Header-only and
 * portable, as sock.h.
 */
#ifndef APPS_ARGS_H
#define APPS_ARGS_H

#include <stdlib.h>

/* s as a decimal number from lo to hi; anything else calls usage(),
 * which must not return. */
static inline long long arg_number(const char *s, long long lo, long long hi,
				   void (*usage)(void))
{
	char *end;
	long long v = strtoll(s, &end, 10);

	if (!*s || *end || v < lo || v > hi)
		usage();
	return v;
}

#endif
