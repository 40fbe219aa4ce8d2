/* Parsing human-written sizes (kernel/lib/size.h). */
#include <stdint.h>
#include "kernel/lib/errno.h"
#include "kernel/lib/size.h"

static unsigned int suffix_shift(char c)
{
	switch (c) {
	case 'k':
	case 'K':
		return 10;
	case 'm':
	case 'M':
		return 20;
	case 'g':
	case 'G':
		return 30;
	default:
		return 0;
	}
}

int parse_size(const char *s, unsigned long *bytes)
{
	unsigned long value = 0;
	unsigned int shift;
	const char *p = s;

	if (*p < '0' || *p > '9')
		return -EINVAL;
	for (; *p >= '0' && *p <= '9'; p++) {
		unsigned int digit = (unsigned int)(*p - '0');

		if (value > (UINT64_MAX - digit) / 10)
			return -ERANGE;
		value = value * 10 + digit;
	}
	shift = 0;
	if (*p) {
		shift = suffix_shift(*p);
		if (!shift || p[1])
			return -EINVAL;
	}
	if (shift && value > (UINT64_MAX >> shift))
		return -ERANGE;
	*bytes = value << shift;
	return 0;
}
