/*
 * The mount table (vfs.h): mounting, finding the mount that serves a
 * path, stat through it, and unmounting at exit. The directories only
 * the table implies (see vfs_lookup.h) are answered here.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "lib/libc/archive.h"
#include "lib/libc/exit.h"
#include "lib/libc/path.h"
#include "lib/libc/vfs_lookup.h"

static struct vfs_mount mounts[VFS_MOUNT_MAX];
static int mount_count;

struct vfs_mount *vfs_mount_at(int i)
{
	return i >= 0 && i < mount_count ? &mounts[i] : NULL;
}

/* Whether abs is at or under the mount point at[at_len]. */
static int is_under(const char *abs, const char *at, size_t at_len)
{
	if (at_len == 1)
		return 1; /* "/" */
	return !strncmp(abs, at, at_len) &&
	       (abs[at_len] == 0 || abs[at_len] == '/');
}

struct vfs_mount *vfs_find(const char *abs, const char **rel)
{
	struct vfs_mount *best = NULL;

	for (int i = 0; i < mount_count; i++)
		if (is_under(abs, mounts[i].at, mounts[i].at_len) &&
		    (!best || mounts[i].at_len > best->at_len))
			best = &mounts[i];
	if (rel) {
		const char *r = best ? abs + best->at_len : abs;

		*rel = r + strspn(r, "/");
	}
	return best;
}

int vfs_is_mount_point(const char *abs)
{
	for (int i = 0; i < mount_count; i++)
		if (!strcmp(abs, mounts[i].at))
			return 1;
	return 0;
}

int vfs_is_mount_parent(const char *abs)
{
	size_t len = strlen(abs);

	for (int i = 0; i < mount_count; i++)
		if (mounts[i].at_len > len && is_under(mounts[i].at, abs, len))
			return 1;
	return 0;
}

/* An implied directory: read-only, owned by root, inode 1 of its own
 * device (0). */
static void implied_stat(struct stat *st)
{
	*st = (struct stat){ .st_mode = S_IFDIR | 0555,
			     .st_nlink = 2,
			     .st_ino = 1,
			     .st_blksize = 4096 };
}

/* A filesystem without links has no lstat op: its stat serves. */
static int stat_abs(const char *abs, struct stat *st, bool follow_last)
{
	const char *rel;
	struct vfs_mount *m;
	int (*op)(void *fs, const char *path, struct stat *st);
	int rc = -ENOENT;

	vfs_boot();
	m = vfs_find(abs, &rel);
	if (m) {
		*st = (struct stat){ 0 };
		op = follow_last || !m->ops->lstat ? m->ops->stat :
						     m->ops->lstat;
		rc = op ? op(m->fs, rel, st) : -ENOENT;
		if (!rc)
			st->st_dev = (dev_t)(m - mounts + 1);
	}
	if (rc == -ENOENT && (!strcmp(abs, "/") || vfs_is_mount_parent(abs))) {
		implied_stat(st);
		rc = 0;
	}
	return rc;
}

int vfs_stat_abs(const char *abs, struct stat *st)
{
	return stat_abs(abs, st, true);
}

int vfs_lstat_abs(const char *abs, struct stat *st)
{
	return stat_abs(abs, st, false);
}

static int locate(const char *path, int walk_flags, struct vfs_place *p,
		  struct stat *st, int *exists)
{
	int rc = path_walk(path, p->abs, sizeof(p->abs), walk_flags, st);

	if (rc < 0)
		return rc;
	*exists = rc != PATH_MISSING;
	p->mount = vfs_find(p->abs, &p->rel);
	return 0;
}

int vfs_locate(const char *path, int last_may_be_missing, struct vfs_place *p,
	       struct stat *st, int *exists)
{
	return locate(path, last_may_be_missing ? PATH_LAST_MAY_BE_MISSING : 0,
		      p, st, exists);
}

int vfs_locate_nofollow(const char *path, struct vfs_place *p, struct stat *st,
			int *exists)
{
	return locate(path, PATH_LAST_MAY_BE_MISSING | PATH_NOFOLLOW, p, st,
		      exists);
}

static void unmount_at_exit(void);
static void (*exit_hook_before)(void);
static int exit_hook_set;

static int mount(const char *at, const struct vfs_ops *ops, void *fs, int flags,
		 int may_imply)
{
	char abs[PATH_MAX];
	struct stat st;
	struct vfs_mount *m;
	int rc = path_walk(at, abs, sizeof(abs), PATH_LAST_MAY_BE_MISSING, &st);

	/* Over a real filesystem the mount point must be a directory of
	 * it; where the table only implies directories, any path will do. */
	if (rc == -ENOENT && *at == '/') {
		abs[0] = '/';
		if (archive_canonical_name(at + 1, strlen(at + 1), abs + 1,
					   sizeof(abs) - 1) < 0)
			return -ENOENT;
		rc = PATH_MISSING;
	}
	if (rc < 0)
		return rc;
	if (rc == PATH_MISSING && vfs_find(abs, NULL) && !may_imply)
		return -ENOENT;
	if (rc == 0 && !S_ISDIR(st.st_mode))
		return -ENOTDIR;
	if (mount_count == VFS_MOUNT_MAX)
		return -ENOMEM;
	m = &mounts[mount_count];
	m->at = strdup(abs);
	if (!m->at)
		return -ENOMEM;
	m->at_len = strlen(abs);
	m->ops = ops;
	m->fs = fs;
	m->flags = flags;
	mount_count++;
	if (!exit_hook_set) {
		/* Chained, so net's drain (set later or earlier) runs too. */
		exit_hook_before = libc_before_exit;
		libc_before_exit = unmount_at_exit;
		exit_hook_set = 1;
	}
	return 0;
}

int vfs_mount(const char *at, const struct vfs_ops *ops, void *fs, int flags)
{
	return mount(at, ops, fs, flags, 0);
}

int vfs_mount_implied(const char *at, const struct vfs_ops *ops, void *fs,
		      int flags)
{
	return mount(at, ops, fs, flags, 1);
}

void vfs_unmount_all(void)
{
	while (mount_count) {
		struct vfs_mount *m = &mounts[--mount_count];

		if (m->ops->unmount)
			m->ops->unmount(m->fs);
		free(m->at);
	}
}

static void unmount_at_exit(void)
{
	if (exit_hook_before)
		exit_hook_before();
	vfs_unmount_all();
}
