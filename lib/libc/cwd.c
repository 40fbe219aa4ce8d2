/*
 * The working directory: getcwd, chdir and fchdir. It starts at "/", and
 * chdir accepts what path_resolve does (so, for now, only "/").
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "lib/libc/errno.h"
#include "lib/libc/fd.h"
#include "lib/libc/path.h"

static char cwd[PATH_MAX] = "/";

const char *path_cwd(void)
{
	return cwd;
}

static int fail(int err)
{
	libc_set_errno(err);
	return -1;
}

int chdir(const char *path)
{
	char resolved[PATH_MAX];
	int rc;

	if (!path)
		return fail(EFAULT);
	rc = path_resolve(path, resolved, sizeof(resolved));
	if (rc < 0)
		return fail(-rc);
	strcpy(cwd, resolved);
	return 0;
}

/* No fd names a directory yet (the console is a character device). */
int fchdir(int fd)
{
	void *priv;

	return fail(fd_get(fd, &priv) ? ENOTDIR : EBADF);
}

/* As glibc: a NULL buf is allocated, of size bytes or (size 0) just
 * enough. */
char *getcwd(char *buf, size_t size)
{
	size_t need = strlen(cwd) + 1;

	if (buf && !size) {
		libc_set_errno(EINVAL);
		return NULL;
	}
	if (size && size < need) {
		libc_set_errno(ERANGE);
		return NULL;
	}
	if (!buf) {
		buf = malloc(size ? size : need);
		if (!buf) {
			libc_set_errno(ENOMEM);
			return NULL;
		}
	}
	memcpy(buf, cwd, need);
	return buf;
}
