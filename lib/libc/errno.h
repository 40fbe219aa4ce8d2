/* Setting errno from the libc glue (see errno.c for why it is a call). */
#ifndef LIB_LIBC_ERRNO_H
#define LIB_LIBC_ERRNO_H

void libc_set_errno(int err);

#endif
