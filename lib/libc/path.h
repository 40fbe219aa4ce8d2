/*
 * Path names. Petrel has no filesystem yet, so the root directory is the
 * only file there is: a path resolves when it names "/" (through ".",
 * ".." and repeated slashes), and naming anything else is ENOENT, as it
 * would be on Linux for a file that does not exist.
 */
#ifndef LIB_LIBC_PATH_H
#define LIB_LIBC_PATH_H

#include <stddef.h>

/* The absolute, canonical form of path (relative ones start at the
 * working directory) into out[size]: 0 or a negative errno. */
int path_resolve(const char *path, char *out, size_t size);

/* The working directory, always absolute and canonical. */
const char *path_cwd(void);

#endif
