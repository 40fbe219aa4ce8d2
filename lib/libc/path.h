/*
 * Path names: made absolute and canonical while walking the mounted
 * tree (vfs_lookup.h), component by component, as a Unix kernel does.
 * Symbolic links are the business of the filesystem that has them (the
 * ramdisk and ext2 follow their own, within themselves): a walk never
 * leaves a mount through one. lstat and readlink ask the filesystem
 * about the last name (files_meta.c).
 */
#ifndef LIB_LIBC_PATH_H
#define LIB_LIBC_PATH_H

#include <stddef.h>
#include <sys/stat.h>

/* The absolute, canonical form of path (relative ones start at the
 * working directory) into out[size], which must name something that
 * exists: 0 or a negative errno. */
int path_resolve(const char *path, char *out, size_t size);

/* path_walk's flags and its "the last name does not exist" result. */
#define PATH_LAST_MAY_BE_MISSING 1
#define PATH_NOFOLLOW 2
#define PATH_MISSING 1

/*
 * As path_resolve, but with PATH_LAST_MAY_BE_MISSING only the parent
 * directories must exist: the result is then PATH_MISSING when the last
 * name does not. When it exists (0), *st (if not NULL) is its stat.
 * With PATH_NOFOLLOW, a symbolic link as the last name (with no slash
 * after it) is not followed: the walk is about the link itself.
 */
int path_walk(const char *path, char *out, size_t size, int flags,
	      struct stat *st);

/* The working directory, always absolute and canonical. */
const char *path_cwd(void);

#endif
