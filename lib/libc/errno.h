/* Setting errno from the libc glue (see errno.c for why it is a call). */
#ifndef LIB_LIBC_ERRNO_H
#define LIB_LIBC_ERRNO_H

void libc_set_errno(int err);

/* A call's return value from a non-negative result or a negative
 * errno: the result, or -1 with errno set. */
static inline int libc_result(long rc)
{
	if (rc >= 0)
		return (int)rc;
	libc_set_errno((int)-rc);
	return -1;
}

#endif
