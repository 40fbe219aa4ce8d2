/*
 * The file mode creation mask (umask.c), for the calls that create.
 */
#ifndef LIB_LIBC_UMASK_H
#define LIB_LIBC_UMASK_H

#include <sys/types.h>

/* mode without the bits the mask takes away. */
mode_t umask_apply(mode_t mode);

#endif
