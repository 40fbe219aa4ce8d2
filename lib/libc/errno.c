/*
 * errno for the libc glue. Apps read errno through newlib's __errno(),
 * the running thread's reentrancy state; newlib's own _r wrappers read
 * the global errno after calling us and copy it there. Setting both
 * serves direct calls (clock_gettime, write) and wrapped ones alike.
 */
#include <errno.h>
#include "lib/libc/errno.h"

static void set_thread_errno(int err)
{
	errno = err;
}

#undef errno
extern int errno;

void libc_set_errno(int err)
{
	set_thread_errno(err);
	errno = err;
}
