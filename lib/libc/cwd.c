/*
 * The working directory: getcwd, chdir and fchdir. It starts at "/", and
 * chdir accepts any directory of the mounted tree (path.h).
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "lib/libc/errno.h"
#include "lib/libc/fd.h"
#include "lib/libc/path.h"
#include "lib/libc/vfs_lookup.h"

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
	struct stat st;
	int rc;

	if (!path)
		return fail(EFAULT);
	rc = path_walk(path, resolved, sizeof(resolved), 0, &st);
	if (rc < 0)
		return fail(-rc);
	if (!S_ISDIR(st.st_mode))
		return fail(ENOTDIR);
	strcpy(cwd, resolved);
	return 0;
}

int fchdir(int fd)
{
	const char *dir = vfs_dir_fd_path(fd);
	void *priv;

	if (!dir)
		return fail(fd_get(fd, &priv) ? ENOTDIR : EBADF);
	strcpy(cwd, dir);
	return 0;
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
