/*
 * Inside the mount table: what the file syscalls (files.c, dir.c) and
 * path resolution (path.c) share with vfs.c. A canonical absolute path
 * belongs to the mount with the longest matching prefix. A directory
 * that only the mount table implies (the root when nothing is mounted
 * at "/", and the parents of mount points) reads as an empty,
 * read-only directory listing its mount points.
 */
#ifndef LIB_LIBC_VFS_LOOKUP_H
#define LIB_LIBC_VFS_LOOKUP_H

#include <limits.h>
#include <sys/stat.h>
#include "lib/libc/vfs.h"

#define VFS_MOUNT_MAX 16

struct vfs_mount {
	char *at; /* canonical absolute mount point */
	size_t at_len;
	const struct vfs_ops *ops;
	void *fs;
	int flags;
};

/* Where a path leads: its mount (NULL for an implied directory), the
 * path relative to it (pointing into abs), and the canonical abs. */
struct vfs_place {
	struct vfs_mount *mount;
	const char *rel;
	char abs[PATH_MAX];
};

/* Whether a change at p is refused because nothing there can change
 * (an implied directory, or a read-only mount). */
static inline int vfs_place_read_only(const struct vfs_place *p)
{
	return !p->mount || (p->mount->flags & VFS_RDONLY);
}

/* Mount what the domain was given (vfs_boot.c), once, on first use. */
void vfs_boot(void);

/* vfs_mount, where the mount point need not exist in the filesystem
 * below it (/dev over a ramdisk that has none). */
int vfs_mount_implied(const char *at, const struct vfs_ops *ops, void *fs,
		      int flags);

/* The mount serving abs, and the path inside it. */
struct vfs_mount *vfs_find(const char *abs, const char **rel);

/* stat of a canonical absolute path, implied directories included. */
int vfs_stat_abs(const char *abs, struct stat *st);
/* The same, not following a symbolic link at abs itself. */
int vfs_lstat_abs(const char *abs, struct stat *st);

/*
 * Resolve path (path.h) and find its mount. With last_may_be_missing,
 * only the parent directories must exist (open O_CREAT, mkdir). The
 * result is an errno, or 0 with *exists saying whether the last name
 * does (and st its stat when it does).
 */
int vfs_locate(const char *path, int last_may_be_missing, struct vfs_place *p,
	       struct stat *st, int *exists);

/* As vfs_locate with last_may_be_missing, but a symbolic link at the
 * end is not followed: *exists and st are about the name itself (unlink,
 * rename, lstat, readlink, symlink). */
int vfs_locate_nofollow(const char *path, struct vfs_place *p, struct stat *st,
			int *exists);

/* Whether abs is a mount point, or a parent of one. */
int vfs_is_mount_point(const char *abs);
int vfs_is_mount_parent(const char *abs);

/* A new fd for the directory abs (dir.c), or a negative errno; the
 * path a directory fd stands for, or NULL when fd is not one. */
int vfs_open_dir_fd(const char *abs);
const char *vfs_dir_fd_path(int fd);

/* The i-th mount (oldest first), or NULL past the end. */
struct vfs_mount *vfs_mount_at(int i);

#endif
