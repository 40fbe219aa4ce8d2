/*
 * The ramdisk tree as a read-only filesystem for the mount table: a
 * vfs_ops whose fs pointer is a struct rd_tree (ramdisk_tree.h).
 */
#ifndef LIB_LIBC_RAMDISK_FS_H
#define LIB_LIBC_RAMDISK_FS_H

#include "lib/libc/vfs.h"

extern const struct vfs_ops ramdisk_vfs_ops;

#endif
