/*
 * The system calls that name files: open, stat, mkdir, unlink, rename
 * and the rest, over the mount table (vfs_lookup.h), plus the calls on
 * an open file's fd that go beyond read and write (positioned I/O,
 * fsync, ftruncate). They check what Linux checks before a filesystem
 * is asked (existence, type, read-only mounts), in Linux's order, so
 * filesystems only do the work, and errno comes out as on Linux.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "lib/libc/errno.h"
#include "lib/libc/fd.h"
#include "lib/libc/path.h"
#include "lib/libc/umask.h"
#include "lib/libc/vfs_lookup.h"

static int fail(int err)
{
	libc_set_errno(err);
	return -1;
}

static int ends_with_slash(const char *path)
{
	size_t len = strlen(path);

	return len && path[len - 1] == '/';
}

static int open_existing(struct vfs_place *p, const struct stat *st, int flags)
{
	int acc = flags & O_ACCMODE;
	const struct file_ops *ops;
	void *priv;
	int rc, fd;

	if ((flags & O_CREAT) && (flags & O_EXCL))
		return -EEXIST;
	if (S_ISDIR(st->st_mode)) {
		if (acc != O_RDONLY || (flags & (O_CREAT | O_TRUNC)))
			return -EISDIR;
		return vfs_open_dir_fd(p->abs);
	}
	if (flags & O_DIRECTORY)
		return -ENOTDIR;
	if ((acc != O_RDONLY || (flags & O_TRUNC)) && vfs_place_read_only(p))
		return -EROFS;
	rc = p->mount->ops->open(p->mount->fs, p->rel, flags, 0, &ops, &priv);
	if (rc < 0)
		return rc;
	fd = fd_alloc(ops, priv);
	if (fd < 0 && ops->close)
		ops->close(priv);
	return fd;
}

static int create(struct vfs_place *p, const char *path, int flags, mode_t mode)
{
	const struct file_ops *ops;
	void *priv;
	int rc, fd;

	if (!(flags & O_CREAT))
		return -ENOENT;
	if (ends_with_slash(path))
		return -EISDIR;
	if (vfs_place_read_only(p))
		return -EROFS;
	rc = p->mount->ops->open(p->mount->fs, p->rel, flags, umask_apply(mode),
				 &ops, &priv);
	if (rc < 0)
		return rc;
	fd = fd_alloc(ops, priv);
	if (fd < 0 && ops->close)
		ops->close(priv);
	return fd;
}

int open(const char *path, int flags, ...)
{
	struct vfs_place p;
	struct stat st;
	mode_t mode = 0;
	int exists, rc;

	if (flags & O_CREAT) {
		va_list ap;

		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	if (!path)
		return fail(EFAULT);
	rc = vfs_locate(path, flags & O_CREAT, &p, &st, &exists);
	if (rc < 0)
		return fail(-rc);
	return libc_result(exists ? open_existing(&p, &st, flags) :
				    create(&p, path, flags, mode));
}

int stat(const char *path, struct stat *st)
{
	char abs[PATH_MAX];
	int rc;

	if (!path || !st)
		return fail(EFAULT);
	rc = path_walk(path, abs, sizeof(abs), 0, st);
	return rc < 0 ? fail(-rc) : 0;
}

/* As for root on Linux: reading and writing are allowed (but not on a
 * read-only mount), executing needs an x bit or a directory. */
int access(const char *path, int mode)
{
	struct vfs_place p;
	struct stat st;
	int exists, rc;

	if (!path)
		return fail(EFAULT);
	if (mode & ~(R_OK | W_OK | X_OK))
		return fail(EINVAL);
	rc = vfs_locate(path, 0, &p, &st, &exists);
	if (rc < 0)
		return fail(-rc);
	if ((mode & W_OK) && vfs_place_read_only(&p))
		return fail(EROFS);
	if ((mode & X_OK) && !S_ISDIR(st.st_mode) && !(st.st_mode & 0111))
		return fail(EACCES);
	return 0;
}

int mkdir(const char *path, mode_t mode)
{
	struct vfs_place p;
	struct stat st;
	int exists, rc;

	if (!path)
		return fail(EFAULT);
	rc = vfs_locate(path, 1, &p, &st, &exists);
	if (rc < 0)
		return fail(-rc);
	if (exists)
		return fail(EEXIST);
	if (vfs_place_read_only(&p))
		return fail(EROFS);
	if (!p.mount->ops->mkdir)
		return fail(EPERM);
	return libc_result(
		p.mount->ops->mkdir(p.mount->fs, p.rel, umask_apply(mode)));
}

/* The last name of path, as given: "." and ".." have rules of their own. */
static const char *last_name(const char *path, size_t *len)
{
	const char *end = path + strlen(path);
	const char *start;

	while (end > path && end[-1] == '/')
		end--;
	start = end;
	while (start > path && start[-1] != '/')
		start--;
	*len = (size_t)(end - start);
	return start;
}

/* What rmdir and unlink check alike: EBUSY for mount points. A link
 * at the end is removed itself, not followed. */
static int removable(const char *path, struct vfs_place *p, struct stat *st)
{
	int exists, rc = vfs_locate_nofollow(path, p, st, &exists);

	if (rc < 0)
		return rc;
	if (!exists)
		return -ENOENT;
	if (vfs_is_mount_point(p->abs) || !strcmp(p->abs, "/"))
		return -EBUSY;
	return vfs_place_read_only(p) ? -EROFS : 0;
}

int rmdir(const char *path)
{
	struct vfs_place p;
	struct stat st;
	size_t len;
	const char *name;
	int rc;

	if (!path)
		return fail(EFAULT);
	name = last_name(path, &len);
	if (len == 1 && name[0] == '.')
		return fail(EINVAL);
	if (len == 2 && !strncmp(name, "..", 2))
		return fail(ENOTEMPTY);
	rc = removable(path, &p, &st);
	if (rc < 0)
		return fail(-rc);
	if (!S_ISDIR(st.st_mode))
		return fail(ENOTDIR);
	if (!p.mount->ops->rmdir)
		return fail(EPERM);
	return libc_result(p.mount->ops->rmdir(p.mount->fs, p.rel));
}

int unlink(const char *path)
{
	struct vfs_place p;
	struct stat st;
	int rc;

	if (!path)
		return fail(EFAULT);
	rc = removable(path, &p, &st);
	if (rc < 0)
		return fail(-rc);
	if (S_ISDIR(st.st_mode))
		return fail(EISDIR);
	if (!p.mount->ops->unlink)
		return fail(EPERM);
	return libc_result(p.mount->ops->unlink(p.mount->fs, p.rel));
}

static int rename_places(struct vfs_place *from, const struct stat *from_st,
			 struct vfs_place *to, int to_exists,
			 const struct stat *to_st)
{
	size_t from_len = strlen(from->abs);

	if (!strcmp(from->abs, to->abs))
		return 0;
	if (vfs_is_mount_point(from->abs) || vfs_is_mount_point(to->abs))
		return -EBUSY;
	if (from->mount != to->mount)
		return -EXDEV;
	if (vfs_place_read_only(from))
		return -EROFS;
	if (!strncmp(to->abs, from->abs, from_len) && to->abs[from_len] == '/')
		return -EINVAL; /* a directory into itself */
	if (to_exists && S_ISDIR(to_st->st_mode) != S_ISDIR(from_st->st_mode))
		return S_ISDIR(to_st->st_mode) ? -EISDIR : -ENOTDIR;
	if (!from->mount->ops->rename)
		return -EPERM;
	return from->mount->ops->rename(from->mount->fs, from->rel, to->rel);
}

int rename(const char *from, const char *to)
{
	static struct vfs_place src, dst; /* PATH_MAX each: off the stack */
	struct stat src_st, dst_st;
	int exists, rc;

	if (!from || !to)
		return fail(EFAULT);
	/* Links at either end are renamed or replaced, not followed. */
	rc = vfs_locate_nofollow(from, &src, &src_st, &exists);
	if (rc == 0 && !exists)
		rc = -ENOENT;
	if (rc < 0)
		return fail(-rc);
	rc = vfs_locate_nofollow(to, &dst, &dst_st, &exists);
	if (rc < 0)
		return fail(-rc);
	return libc_result(rename_places(&src, &src_st, &dst, exists, &dst_st));
}

ssize_t pread(int fd, void *buf, size_t len, off_t offset)
{
	void *priv;
	int err;
	const struct file_ctl_ops *ctl = fd_ctl(fd, &priv, &err);

	if (err)
		return fail(err);
	if (!ctl || !ctl->pread)
		return fail(ESPIPE);
	if (offset < 0)
		return fail(EINVAL);
	return libc_result(ctl->pread(priv, buf, len, offset));
}

ssize_t pwrite(int fd, const void *buf, size_t len, off_t offset)
{
	void *priv;
	int err;
	const struct file_ctl_ops *ctl = fd_ctl(fd, &priv, &err);

	if (err)
		return fail(err);
	if (!ctl || !ctl->pwrite)
		return fail(ESPIPE);
	if (offset < 0)
		return fail(EINVAL);
	return libc_result(ctl->pwrite(priv, buf, len, offset));
}

/* Linux: EINVAL for fds that cannot be synced (a console, a pipe). */
int fsync(int fd)
{
	void *priv;
	int err;
	const struct file_ctl_ops *ctl = fd_ctl(fd, &priv, &err);

	if (err)
		return fail(err);
	if (!ctl || !ctl->fsync)
		return fail(EINVAL);
	return libc_result(ctl->fsync(priv));
}

int fdatasync(int fd)
{
	return fsync(fd);
}

int ftruncate(int fd, off_t length)
{
	void *priv;
	int err;
	const struct file_ctl_ops *ctl = fd_ctl(fd, &priv, &err);

	if (err)
		return fail(err);
	if (length < 0 || !ctl || !ctl->ftruncate)
		return fail(EINVAL);
	return libc_result(ctl->ftruncate(priv, length));
}

int truncate(const char *path, off_t length)
{
	int fd, rc, saved;

	if (length < 0)
		return fail(EINVAL);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -1;
	rc = ftruncate(fd, length);
	saved = errno;
	close(fd);
	errno = saved;
	return rc;
}

void sync(void)
{
	struct vfs_mount *m;

	vfs_boot();
	for (int i = 0; (m = vfs_mount_at(i)); i++)
		if (m->ops->sync)
			m->ops->sync(m->fs);
}

#define SYSCALL_ALIAS(name) \
	__typeof__(name) _##name __attribute__((alias(#name)))

SYSCALL_ALIAS(open);
SYSCALL_ALIAS(stat);
SYSCALL_ALIAS(unlink);
