/*
 * The filesystems the mount table can attach, and who provides them.
 *
 * Raw disks (wt/blk): /dev is a mount like any other. The block-device
 * code defines blkdev_vfs_ops, a vfs_ops whose fs pointer is NULL and
 * whose paths are the disk names relative to /dev ("xvda", "xvdb"; ""
 * is /dev itself). It needs only open and stat (opendir/readdir list
 * the disks when present); ops left NULL give -EROFS for changes and
 * -ENOTDIR for opendir. The fds it opens are file_ctl_ops (fd.h). The
 * vfs mounts it at /dev on first use of the file API, when it is linked.
 *
 * Disk filesystems (wt/ext2): ext2_mount(dev, flags, &ops, &fs) opens
 * the disk named dev ("xvdb"), checks its superblock and returns the
 * vfs_ops and fs pointer to mount; flags are vfs.h's VFS_RDONLY. It
 * returns a negative errno (-EINVAL: not an ext2/3/4 filesystem).
 *
 * Both are weak references here, so an image links each only when the
 * code that defines it is part of the link: ext2 is an archive of its
 * own (libpetrel-ext2.a, petrel-cc --with-ext2), since libext2fs is
 * large and most images that use files never mount a disk.
 */
#ifndef LIB_LIBC_VFS_FS_H
#define LIB_LIBC_VFS_FS_H

#include <stdbool.h>
#include "lib/libc/vfs.h"

extern const struct vfs_ops blkdev_vfs_ops __attribute__((weak));

int ext2_mount(const char *dev, int flags, const struct vfs_ops **ops,
	       void **fs) __attribute__((weak));

struct blkdev;

/* True when dev's superblock has the ext2/3/4 magic (disk_probe.c). */
bool disk_is_ext2(struct blkdev *dev);

#endif
