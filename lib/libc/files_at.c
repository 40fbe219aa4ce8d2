/*
 * The *at calls (openat, fstatat, mkdirat, unlinkat, faccessat,
 * renameat): a relative name starts at the directory fd instead of the
 * working directory, then the plain call does the rest.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "lib/libc/errno.h"
#include "lib/libc/fd.h"
#include "lib/libc/vfs_lookup.h"

/* path as the plain calls should see it, in buf when it must be joined;
 * NULL with errno set when dirfd is no directory. */
static const char *at_path(int dirfd, const char *path, char *buf, size_t size)
{
	const char *dir;
	void *priv;

	if (!path || *path == '/' || dirfd == AT_FDCWD)
		return path;
	dir = vfs_dir_fd_path(dirfd);
	if (!dir) {
		libc_set_errno(fd_get(dirfd, &priv) ? ENOTDIR : EBADF);
		return NULL;
	}
	if (!*path)
		return path; /* ENOENT, from the plain call */
	if ((size_t)snprintf(buf, size, "%s/%s", dir, path) >= size) {
		libc_set_errno(ENAMETOOLONG);
		return NULL;
	}
	return buf;
}

int openat(int dirfd, const char *path, int flags, ...)
{
	char buf[PATH_MAX];
	const char *p = at_path(dirfd, path, buf, sizeof(buf));
	int mode = 0;

	if (flags & O_CREAT) {
		va_list ap;

		va_start(ap, flags);
		mode = va_arg(ap, int);
		va_end(ap);
	}
	return p ? open(p, flags, mode) : -1;
}

int fstatat(int dirfd, const char *path, struct stat *st, int flags)
{
	char buf[PATH_MAX];
	const char *p = at_path(dirfd, path, buf, sizeof(buf));

	if (flags & ~AT_SYMLINK_NOFOLLOW) {
		libc_set_errno(EINVAL);
		return -1;
	}
	if (!p)
		return -1;
	return (flags & AT_SYMLINK_NOFOLLOW) ? lstat(p, st) : stat(p, st);
}

int mkdirat(int dirfd, const char *path, mode_t mode)
{
	char buf[PATH_MAX];
	const char *p = at_path(dirfd, path, buf, sizeof(buf));

	return p ? mkdir(p, mode) : -1;
}

int unlinkat(int dirfd, const char *path, int flags)
{
	char buf[PATH_MAX];
	const char *p = at_path(dirfd, path, buf, sizeof(buf));

	if (flags & ~AT_REMOVEDIR) {
		libc_set_errno(EINVAL);
		return -1;
	}
	if (!p)
		return -1;
	return flags & AT_REMOVEDIR ? rmdir(p) : unlink(p);
}

int faccessat(int dirfd, const char *path, int mode, int flags)
{
	char buf[PATH_MAX];
	const char *p = at_path(dirfd, path, buf, sizeof(buf));

	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW)) {
		libc_set_errno(EINVAL);
		return -1;
	}
	return p ? access(p, mode) : -1;
}

int renameat(int fromfd, const char *from, int tofd, const char *to)
{
	char buf_from[PATH_MAX], buf_to[PATH_MAX];
	const char *f = at_path(fromfd, from, buf_from, sizeof(buf_from));
	const char *t = f ? at_path(tofd, to, buf_to, sizeof(buf_to)) : NULL;

	return t ? rename(f, t) : -1;
}
