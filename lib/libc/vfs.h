/*
 * The mount table: which filesystem serves which part of the tree.
 * open, stat, mkdir, opendir and the rest resolve a path (path.h), find
 * the mount with the longest matching prefix, and hand the filesystem
 * the rest of the path. A filesystem is a vfs_ops and its own pointer:
 * the read-only ramdisk tree, an ext2/3/4 disk, the /dev block devices.
 * Every op returns 0 (or a count) or a negative errno.
 */
#ifndef LIB_LIBC_VFS_H
#define LIB_LIBC_VFS_H

#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/types.h>
#include "lib/libc/fd.h"

#define VFS_RDONLY 1 /* mounted read-only: every change is -EROFS */

/* One directory entry, as readdir gives it out. */
struct vfs_dirent {
	ino_t ino;
	unsigned char type; /* DT_REG, DT_DIR, ... (Linux's values) */
	char name[256];
};

/*
 * A path given to an op is relative to the mount point, canonical, with
 * no leading slash: "" is the mount's root, "a/b" a name under it.
 */
struct vfs_ops {
	/* On success *ops and *priv are the new fd's (fd.h). */
	int (*open)(void *fs, const char *path, int flags, mode_t mode,
		    const struct file_ops **ops, void **priv);
	int (*stat)(void *fs, const char *path, struct stat *st);
	int (*mkdir)(void *fs, const char *path, mode_t mode);
	int (*rmdir)(void *fs, const char *path);
	int (*unlink)(void *fs, const char *path);
	/* Both paths are in this filesystem (else the caller says -EXDEV). */
	int (*rename)(void *fs, const char *from, const char *to);
	int (*opendir)(void *fs, const char *path, void **dir);
	/* 1 with *ent filled, 0 at the end. */
	int (*readdir)(void *fs, void *dir, struct vfs_dirent *ent);
	void (*closedir)(void *fs, void *dir);
	/* As stat, but a symbolic link at path itself is not followed
	 * (NULL: the filesystem has no links, lstat is stat). */
	int (*lstat)(void *fs, const char *path, struct stat *st);
	/* A link's target into buf (not terminated): its length, or
	 * -EINVAL when path is no link. NULL: -EINVAL. */
	ssize_t (*readlink)(void *fs, const char *path, char *buf, size_t size);
	/* A new link at path to target. NULL: -EPERM. */
	int (*symlink)(void *fs, const char *target, const char *path);
	/* Permission bits (07777) of what path names. NULL: -EPERM. */
	int (*chmod)(void *fs, const char *path, mode_t mode);
	/* Sizes and counts; the vfs sets f_flag. NULL: all zero. */
	int (*statvfs)(void *fs, struct statvfs *sv);
	/* Write everything back (sync(), and before unmount). */
	int (*sync)(void *fs);
	/* Sync and let go: the filesystem is clean on disk after it. */
	int (*unmount)(void *fs);
};

/* Mount fs at the absolute path at (a directory that resolves). */
int vfs_mount(const char *at, const struct vfs_ops *ops, void *fs, int flags);

/* Unmount everything, newest first: libc_exit calls it. */
void vfs_unmount_all(void);

#endif
