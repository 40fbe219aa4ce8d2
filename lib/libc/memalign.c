/*
 * posix_memalign and aligned_alloc on newlib's memalign. newlib 3.3.0's
 * own aligned_alloc calls a posix_memalign it does not have. Alignments
 * must be powers of two (and, for posix_memalign, multiples of
 * sizeof(void *)): otherwise EINVAL, as glibc answers.
 */
#include <errno.h>
#include <malloc.h>
#include <stdbool.h>
#include <stdlib.h>
#include "lib/libc/errno.h"

static bool power_of_two(size_t n)
{
	return n && !(n & (n - 1));
}

int posix_memalign(void **out, size_t align, size_t size)
{
	void *p;

	if (!power_of_two(align) || align % sizeof(void *))
		return EINVAL;
	p = memalign(align, size ? size : 1);
	if (!p)
		return ENOMEM;
	*out = p;
	return 0;
}

void *aligned_alloc(size_t align, size_t size)
{
	void *p;

	if (!power_of_two(align)) {
		libc_set_errno(EINVAL);
		return NULL;
	}
	p = memalign(align, size ? size : 1);
	if (!p)
		libc_set_errno(ENOMEM);
	return p;
}
