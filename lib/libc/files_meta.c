/*
 * The file calls about links, modes and filesystems rather than data:
 * lstat, readlink, symlink, chmod, fchmod, statvfs and fstatvfs, over
 * the mount table's optional ops (vfs.h). What a filesystem lacks gives
 * the errno Linux gives for such a filesystem: no links means lstat is
 * stat and readlink is EINVAL; no modes, EPERM. A read-only mount is
 * EROFS before the filesystem is asked.
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>
#include "lib/libc/errno.h"
#include "lib/libc/fd.h"
#include "lib/libc/vfs_lookup.h"

#define NAME_MAX_DEFAULT 255

/* The name path ends in, not followed when it is a link: 0 with st its
 * lstat, or an errno (ENOENT when it does not exist). */
static int locate_name(const char *path, struct vfs_place *p, struct stat *st)
{
	int exists, rc;

	if (!path)
		return -EFAULT;
	rc = vfs_locate_nofollow(path, p, st, &exists);
	return rc < 0 ? rc : exists ? 0 : -ENOENT;
}

int lstat(const char *path, struct stat *st)
{
	struct vfs_place p;
	struct stat tmp;
	int rc = locate_name(path, &p, &tmp);

	if (rc == 0 && !st)
		rc = -EFAULT;
	if (rc == 0)
		*st = tmp;
	return libc_result(rc);
}

ssize_t readlink(const char *path, char *buf, size_t size)
{
	struct vfs_place p;
	struct stat st;
	int rc = locate_name(path, &p, &st);

	if (rc == 0 &&
	    (!buf || !size || !S_ISLNK(st.st_mode) || !p.mount->ops->readlink))
		rc = -EINVAL;
	if (rc < 0)
		return libc_result(rc);
	return libc_result(
		p.mount->ops->readlink(p.mount->fs, p.rel, buf, size));
}

/* As Linux: the name must be free (a dangling link holds it too), then
 * the mount writable; an empty target is ENOENT. */
int symlink(const char *target, const char *path)
{
	struct vfs_place p;
	struct stat st;
	int exists = 0;
	int rc = path ? vfs_locate_nofollow(path, &p, &st, &exists) : -EFAULT;

	if (rc == 0 && exists)
		rc = -EEXIST;
	else if (rc == 0 && !target)
		rc = -EFAULT;
	else if (rc == 0 && !*target)
		rc = -ENOENT;
	else if (rc == 0 && vfs_place_read_only(&p))
		rc = -EROFS;
	else if (rc == 0 && !p.mount->ops->symlink)
		rc = -EPERM;
	if (rc < 0)
		return libc_result(rc);
	return libc_result(p.mount->ops->symlink(p.mount->fs, target, p.rel));
}

int chmod(const char *path, mode_t mode)
{
	struct vfs_place p;
	struct stat st;
	int exists, rc;

	if (!path)
		return libc_result(-EFAULT);
	rc = vfs_locate(path, 0, &p, &st, &exists);
	if (rc == 0 && vfs_place_read_only(&p))
		rc = -EROFS;
	else if (rc == 0 && !p.mount->ops->chmod)
		rc = -EPERM;
	if (rc < 0)
		return libc_result(rc);
	return libc_result(
		p.mount->ops->chmod(p.mount->fs, p.rel, mode & 07777));
}

/* A directory fd stands for its path (dir.c): the path calls serve it. */
int fchmod(int fd, mode_t mode)
{
	const char *dir = vfs_dir_fd_path(fd);
	const struct file_ctl_ops *ctl;
	void *priv;
	int err;

	if (dir)
		return chmod(dir, mode);
	ctl = fd_ctl(fd, &priv, &err);
	if (err)
		return libc_result(-err);
	if (!ctl || !ctl->fchmod)
		return libc_result(-EPERM);
	return libc_result(ctl->fchmod(priv, mode & 07777));
}

static void statvfs_defaults(struct statvfs *sv)
{
	if (!sv->f_namemax)
		sv->f_namemax = NAME_MAX_DEFAULT;
	if (!sv->f_frsize)
		sv->f_frsize = sv->f_bsize;
}

int statvfs(const char *path, struct statvfs *sv)
{
	struct vfs_place p;
	struct stat st;
	int exists, rc;

	if (!path || !sv)
		return libc_result(-EFAULT);
	rc = vfs_locate(path, 0, &p, &st, &exists);
	if (rc < 0)
		return libc_result(rc);
	memset(sv, 0, sizeof(*sv));
	if (p.mount && p.mount->ops->statvfs)
		rc = p.mount->ops->statvfs(p.mount->fs, sv);
	if (vfs_place_read_only(&p))
		sv->f_flag |= ST_RDONLY;
	statvfs_defaults(sv);
	return libc_result(rc);
}

int fstatvfs(int fd, struct statvfs *sv)
{
	const char *dir = vfs_dir_fd_path(fd);
	const struct file_ctl_ops *ctl;
	void *priv;
	int err, rc;

	if (dir)
		return statvfs(dir, sv);
	ctl = fd_ctl(fd, &priv, &err);
	if (err)
		return libc_result(-err);
	if (!sv)
		return libc_result(-EFAULT);
	if (!ctl || !ctl->fstatvfs)
		return libc_result(-ENOSYS);
	memset(sv, 0, sizeof(*sv));
	rc = ctl->fstatvfs(priv, sv);
	statvfs_defaults(sv);
	return libc_result(rc);
}
