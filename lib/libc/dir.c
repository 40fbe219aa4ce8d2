/*
 * Directories: the fd that open() gives for one, and opendir, readdir
 * and the rest over it. readdir lists what the filesystem has, then the
 * mount points right under the directory that the filesystem does not
 * show (an implied directory lists only these, after "." and "..").
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "lib/libc/errno.h"
#include "lib/libc/fd.h"
#include "lib/libc/vfs_lookup.h"

struct petrel_dir {
	int fd;
	const char *abs; /* the fd's */
	struct vfs_mount *mount;
	void *handle; /* the filesystem's, or NULL for an implied one */
	int dots; /* "." and ".." given out, for an implied directory */
	int next_mount; /* the next mount to consider listing */
	long pos;
	struct vfs_dirent vent;
	struct dirent ent;
};

/* --- The fd of an open directory: it names a path, nothing more. --- */

static ssize_t dir_read(void *priv, void *buf, size_t len)
{
	(void)priv;
	(void)buf;
	(void)len;
	return -EISDIR;
}

static ssize_t dir_write(void *priv, const void *buf, size_t len)
{
	(void)priv;
	(void)buf;
	(void)len;
	return -EBADF;
}

static off_t dir_lseek(void *priv, off_t offset, int whence)
{
	(void)priv;
	return offset == 0 && whence == SEEK_SET ? 0 : -EINVAL;
}

static int dir_fstat(void *priv, struct stat *st)
{
	return vfs_stat_abs(priv, st);
}

static int dir_close(void *priv)
{
	free(priv);
	return 0;
}

static int dir_fsync(void *priv)
{
	(void)priv;
	return 0;
}

static int dir_get_flags(void *priv)
{
	(void)priv;
	return O_RDONLY | O_DIRECTORY;
}

static const struct file_ctl_ops dir_fd_ops = {
	.ops = { .read = dir_read,
		 .write = dir_write,
		 .lseek = dir_lseek,
		 .fstat = dir_fstat,
		 .close = dir_close,
		 .has_ctl = 1 },
	.get_flags = dir_get_flags,
	.fsync = dir_fsync,
};

int vfs_open_dir_fd(const char *abs)
{
	char *copy = strdup(abs);
	int fd;

	if (!copy)
		return -ENOMEM;
	fd = fd_alloc(&dir_fd_ops.ops, copy);
	if (fd < 0)
		free(copy);
	return fd;
}

const char *vfs_dir_fd_path(int fd)
{
	void *priv;
	const struct file_ops *ops = fd_get(fd, &priv);

	return ops == &dir_fd_ops.ops ? priv : NULL;
}

/* --- DIR --- */

static DIR *fail_null(int err)
{
	libc_set_errno(err);
	return NULL;
}

static int dir_start(DIR *d)
{
	const char *rel;
	int rc;

	d->mount = vfs_find(d->abs, &rel);
	d->handle = NULL;
	d->dots = 0;
	d->next_mount = 0;
	d->pos = 0;
	if (!d->mount)
		return 0;
	if (!d->mount->ops->opendir)
		return -ENOTDIR;
	rc = d->mount->ops->opendir(d->mount->fs, rel, &d->handle);
	if (rc == -ENOENT && vfs_is_mount_parent(d->abs))
		return 0; /* implied over a filesystem that lacks it */
	return rc;
}

static void dir_stop(DIR *d)
{
	if (d->handle && d->mount->ops->closedir)
		d->mount->ops->closedir(d->mount->fs, d->handle);
	d->handle = NULL;
}

DIR *fdopendir(int fd)
{
	const char *abs = vfs_dir_fd_path(fd);
	void *priv;
	DIR *d;
	int rc;

	if (!abs)
		return fail_null(fd_get(fd, &priv) ? ENOTDIR : EBADF);
	d = calloc(1, sizeof(*d));
	if (!d)
		return fail_null(ENOMEM);
	d->fd = fd;
	d->abs = abs;
	rc = dir_start(d);
	if (rc < 0) {
		free(d);
		return fail_null(-rc);
	}
	return d;
}

DIR *opendir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY);
	DIR *d;

	if (fd < 0)
		return NULL;
	d = fdopendir(fd);
	if (!d)
		close(fd);
	return d;
}

/* The component of mount point at right under dir, into name. */
static int child_name(const char *dir, const char *at, char *name, size_t size)
{
	size_t len = strlen(dir), n;

	if (strcmp(dir, "/")) {
		if (strncmp(at, dir, len) || at[len] != '/')
			return 0;
		at += len;
	}
	at++;
	n = strcspn(at, "/");
	if (!n || n >= size)
		return 0;
	memcpy(name, at, n);
	name[n] = 0;
	return 1;
}

/* Whether mount i's child name was listed already: by the filesystem,
 * or for an earlier mount under the same name. */
static int listed(DIR *d, int i, const char *name)
{
	char other[sizeof(d->vent.name)], path[PATH_MAX];
	struct stat st;

	for (int j = 0; j < i; j++)
		if (child_name(d->abs, vfs_mount_at(j)->at, other,
			       sizeof(other)) &&
		    !strcmp(other, name))
			return 1;
	if (!d->handle)
		return 0;
	strcpy(path, d->abs);
	if (strcmp(path, "/"))
		strcat(path, "/");
	strcat(path, name);
	/* What the filesystem under the mount has, not the mount's root. */
	return d->mount->ops->stat(d->mount->fs,
				   path + d->mount->at_len +
					   (d->mount->at_len > 1),
				   &st) == 0;
}

static int next_mount_entry(DIR *d)
{
	struct vfs_mount *m;

	while ((m = vfs_mount_at(d->next_mount))) {
		int i = d->next_mount++;

		if (strlen(d->abs) + 1 + strlen(m->at) >= PATH_MAX)
			continue;
		if (!child_name(d->abs, m->at, d->vent.name,
				sizeof(d->vent.name)) ||
		    listed(d, i, d->vent.name))
			continue;
		d->vent.ino = 1;
		d->vent.type = DT_DIR;
		return 1;
	}
	return 0;
}

static int next_entry(DIR *d)
{
	if (d->handle) {
		int rc = d->mount->ops->readdir(d->mount->fs, d->handle,
						&d->vent);

		if (rc != 0)
			return rc;
	} else if (d->dots < 2) {
		strcpy(d->vent.name, d->dots++ ? ".." : ".");
		d->vent.ino = 1;
		d->vent.type = DT_DIR;
		return 1;
	}
	return next_mount_entry(d);
}

struct dirent *readdir(DIR *d)
{
	int rc = next_entry(d);

	if (rc <= 0) {
		if (rc < 0)
			libc_set_errno(-rc);
		return NULL;
	}
	d->ent.d_ino = d->vent.ino;
	d->ent.d_type = d->vent.type;
	d->ent.d_off = ++d->pos;
	d->ent.d_reclen = sizeof(d->ent);
	strcpy(d->ent.d_name, d->vent.name);
	return &d->ent;
}

void rewinddir(DIR *d)
{
	dir_stop(d);
	if (dir_start(d) < 0)
		d->next_mount = VFS_MOUNT_MAX; /* reads as empty */
}

int closedir(DIR *d)
{
	if (!d) {
		libc_set_errno(EBADF);
		return -1;
	}
	dir_stop(d);
	close(d->fd);
	free(d);
	return 0;
}

int dirfd(DIR *d)
{
	return d->fd;
}
