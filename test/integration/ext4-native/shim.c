/*
 * The POSIX calls apps/tests/ext4 makes, natively on the host, with
 * paths under /ext2 and their fds served by lib/ext2's vfs_ops over the
 * image (fakes.c) and everything else passed to the kernel. Defining
 * open, read, ... in the program interposes them for its own calls
 * (glibc's internals use their private names), which is all the test
 * needs. The disk is mounted before main (read-only when
 * $PETREL_EXT2_RO is set) and unmounted at exit, as the mount table does
 * in a guest (unless $PETREL_EXT2_NO_UNMOUNT is set: a crash).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "lib/libc/vfs_fs.h"

#define PREFIX "/ext2"
#define FD_BASE 1000
#define FD_COUNT 64

static const struct vfs_ops *ops;
static void *fs;
static struct {
	const struct file_ops *ops;
	void *priv;
} fds[FD_COUNT];

/* The path relative to the mount, or NULL when not under PREFIX. */
static const char *inside(const char *path)
{
	size_t n = strlen(PREFIX);

	if (strncmp(path, PREFIX, n) || (path[n] && path[n] != '/'))
		return NULL;
	return path[n] ? path + n + 1 : "";
}

static int fail(int err)
{
	errno = -err;
	return -1;
}

static int ret(int rc)
{
	return rc < 0 ? fail(rc) : rc;
}

static const struct file_ctl_ops *ctl_of(int fd, void **priv)
{
	const struct file_ops *o = fds[fd - FD_BASE].ops;

	*priv = fds[fd - FD_BASE].priv;
	return o ? file_ctl(o) : NULL;
}

static bool ours(int fd)
{
	return fd >= FD_BASE && fd < FD_BASE + FD_COUNT &&
	       fds[fd - FD_BASE].ops;
}

int open(const char *path, int flags, ...)
{
	const char *rel = inside(path);
	mode_t mode = 0;
	va_list ap;
	int i, rc;

	va_start(ap, flags);
	if (flags & O_CREAT)
		mode = va_arg(ap, mode_t);
	va_end(ap);
	if (!rel)
		return (int)syscall(SYS_openat, AT_FDCWD, path, flags, mode);
	for (i = 0; i < FD_COUNT && fds[i].ops; i++)
		;
	if (i == FD_COUNT)
		return fail(-EMFILE);
	rc = ops->open(fs, rel, flags, mode, &fds[i].ops, &fds[i].priv);
	return rc < 0 ? fail(rc) : FD_BASE + i;
}

int close(int fd)
{
	int rc;

	if (!ours(fd))
		return (int)syscall(SYS_close, fd);
	rc = fds[fd - FD_BASE].ops->close(fds[fd - FD_BASE].priv);
	fds[fd - FD_BASE].ops = NULL;
	return ret(rc);
}

ssize_t read(int fd, void *buf, size_t len)
{
	if (!ours(fd))
		return syscall(SYS_read, fd, buf, len);
	return ret((int)fds[fd - FD_BASE].ops->read(fds[fd - FD_BASE].priv, buf,
						    len));
}

ssize_t write(int fd, const void *buf, size_t len)
{
	if (!ours(fd))
		return syscall(SYS_write, fd, buf, len);
	return ret((int)fds[fd - FD_BASE].ops->write(fds[fd - FD_BASE].priv,
						     buf, len));
}

ssize_t pread(int fd, void *buf, size_t len, off_t off)
{
	void *priv;

	if (!ours(fd))
		return syscall(SYS_pread64, fd, buf, len, off);
	return ret((int)ctl_of(fd, &priv)->pread(priv, buf, len, off));
}

ssize_t pwrite(int fd, const void *buf, size_t len, off_t off)
{
	void *priv;

	if (!ours(fd))
		return syscall(SYS_pwrite64, fd, buf, len, off);
	return ret((int)ctl_of(fd, &priv)->pwrite(priv, buf, len, off));
}

off_t lseek(int fd, off_t off, int whence)
{
	off_t rc;

	if (!ours(fd))
		return syscall(SYS_lseek, fd, off, whence);
	rc = fds[fd - FD_BASE].ops->lseek(fds[fd - FD_BASE].priv, off, whence);
	return rc < 0 ? fail((int)rc) : rc;
}

int fsync(int fd)
{
	void *priv;

	if (!ours(fd))
		return (int)syscall(SYS_fsync, fd);
	return ret(ctl_of(fd, &priv)->fsync(priv));
}

int ftruncate(int fd, off_t len)
{
	void *priv;

	if (!ours(fd))
		return (int)syscall(SYS_ftruncate, fd, len);
	return ret(ctl_of(fd, &priv)->ftruncate(priv, len));
}

int stat(const char *path, struct stat *st)
{
	const char *rel = inside(path);

	if (!rel)
		return (int)syscall(SYS_newfstatat, AT_FDCWD, path, st, 0);
	return ret(ops->stat(fs, rel, st));
}

int mkdir(const char *path, mode_t mode)
{
	const char *rel = inside(path);

	if (!rel)
		return fail(-EPERM);
	return ret(ops->mkdir(fs, rel, mode));
}

int rmdir(const char *path)
{
	const char *rel = inside(path);

	return rel ? ret(ops->rmdir(fs, rel)) : fail(-EPERM);
}

int unlink(const char *path)
{
	const char *rel = inside(path);

	return rel ? ret(ops->unlink(fs, rel)) : fail(-EPERM);
}

int rename(const char *from, const char *to)
{
	const char *a = inside(from), *b = inside(to);

	return a && b ? ret(ops->rename(fs, a, b)) : fail(-EXDEV);
}

void sync(void)
{
	if (ops->sync(fs) < 0)
		fprintf(stderr, "shim: sync failed\n");
}

struct shim_dir {
	void *dir;
	struct dirent ent;
};

DIR *opendir(const char *path)
{
	const char *rel = inside(path);
	struct shim_dir *d;
	int rc;

	if (!rel) {
		errno = EPERM;
		return NULL;
	}
	d = calloc(1, sizeof(*d));
	rc = ops->opendir(fs, rel, &d->dir);
	if (rc < 0) {
		free(d);
		errno = -rc;
		return NULL;
	}
	return (DIR *)d;
}

struct dirent *readdir(DIR *dir)
{
	struct shim_dir *d = (struct shim_dir *)dir;
	struct vfs_dirent ent;
	int rc = ops->readdir(fs, d->dir, &ent);

	if (rc <= 0) {
		if (rc < 0)
			errno = -rc;
		return NULL;
	}
	d->ent.d_ino = ent.ino;
	d->ent.d_type = ent.type;
	strcpy(d->ent.d_name, ent.name);
	return &d->ent;
}

int closedir(DIR *dir)
{
	struct shim_dir *d = (struct shim_dir *)dir;

	ops->closedir(fs, d->dir);
	free(d);
	return 0;
}

static void unmount(void)
{
	int rc = ops->unmount(fs);

	if (rc < 0) {
		fprintf(stderr, "shim: unmount: %s\n", strerror(-rc));
		_exit(3);
	}
}

__attribute__((constructor)) static void mount(void)
{
	int flags = getenv("PETREL_EXT2_RO") ? VFS_RDONLY : 0;
	int rc = ext2_mount("xvdb", flags, &ops, &fs);

	if (rc < 0) {
		fprintf(stderr, "shim: mount: %s\n", strerror(-rc));
		_exit(3);
	}
	if (!getenv("PETREL_EXT2_NO_UNMOUNT"))
		atexit(unmount); /* else as if the domain died at exit */
}
