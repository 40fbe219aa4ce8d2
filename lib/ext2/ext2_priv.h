/*
 * What the files of lib/ext2 share: one mounted filesystem, the inodes
 * its fds hold open, and the helpers over libext2fs they all use.
 * Every entry point takes the mount's lock: libext2fs is not reentrant
 * and a disk read sleeps, letting other threads run.
 */
#ifndef LIB_EXT2_EXT2_PRIV_H
#define LIB_EXT2_EXT2_PRIV_H

#include <stdbool.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <ext2fs/ext2fs.h>
#include "kernel/sync.h"
#include "lib/libc/vfs.h"

/*
 * An inode some fd has open. All fds of one inode share its ext2_file_t
 * (one copy of the inode and one data buffer, so they never overwrite
 * each other's size or blocks), and an inode unlinked while open is
 * freed at its last close.
 */
struct ext2_node {
	struct ext2_node *next;
	ext2_ino_t ino;
	ext2_file_t file; /* NULL for a directory */
	unsigned int refs;
	bool unlinked; /* its last name is gone: free it at last close */
	bool written; /* mtime/ctime are due at the next flush */
};

struct ext2_mount {
	ext2_filsys fs;
	struct mutex lock;
	struct ext2_node *nodes;
	bool read_only;
	bool was_clean; /* so unmount may mark it clean again */
	unsigned int dev_id; /* st_dev */
	char name[16]; /* the disk's: "xvdb" */
};

/*
 * The block API, weakly: a libpetrel without the block driver still
 * links every image (ext2_mount then says -ENODEV). Drop these once
 * kernel/drivers/blkfront.c is always part of libpetrel.
 */
#pragma weak blkdev_find
#pragma weak blkdev_info
#pragma weak blkdev_read_sync
#pragma weak blkdev_write_sync
#pragma weak blkdev_flush_sync

/* Every vfs_ops entry: the table mount.c gives the mount table. */
extern const struct vfs_ops ext2_vfs_ops;

/* Write libext2fs's metadata and flush the disk (fsync, sync). */
int ext2_flush_fs(struct ext2_mount *m);

/* libext2fs's error code as a negative errno (errmap.c). */
int ext2_errno(errcode_t err);

/* The io_manager over the block API: channels are named "xvdb". */
extern io_manager ext2_blk_io_manager;

/* Paths (relative to the mount root, canonical; names.c). */
int ext2_lookup(struct ext2_mount *m, const char *path, ext2_ino_t *ino);
/* The same, but a symbolic link at path's end is not followed. */
int ext2_lookup_nofollow(struct ext2_mount *m, const char *path,
			 ext2_ino_t *ino);
/* The longest name a directory entry holds. */
#define NAME_MAX_EXT2 255

/* Split path into its parent directory's inode and its last name. */
int ext2_lookup_parent(struct ext2_mount *m, const char *path,
		       ext2_ino_t *parent, const char **name);
/* As ext2_lookup_parent, for a name to be made: -EEXIST when path
 * already names something (a dangling link too) or is the root. */
int ext2_lookup_new(struct ext2_mount *m, const char *path, ext2_ino_t *parent,
		    const char **name);
/* The inode a name in directory dir refers to, or -ENOENT. */
int ext2_lookup_in(struct ext2_mount *m, ext2_ino_t dir, const char *name,
		   ext2_ino_t *ino);
/* Add name -> ino (of type mode) to dir, growing dir when it is full. */
int ext2_add_link(struct ext2_mount *m, ext2_ino_t dir, const char *name,
		  ext2_ino_t ino, mode_t mode);

/* 0 when directory ino holds only "." and "..", else -ENOTEMPTY. */
int ext2_dir_empty(struct ext2_mount *m, ext2_ino_t ino);
/* Remove empty directory ino, named name in parent. */
int ext2_remove_dir(struct ext2_mount *m, ext2_ino_t parent, const char *name,
		    ext2_ino_t ino);

/*
 * Inodes (node.c). ext2_read_inode / ext2_write_inode go through an open
 * node's copy when there is one, so metadata changes (links, times) and
 * an open file's writes never undo each other.
 */
struct ext2_node *ext2_node_find(struct ext2_mount *m, ext2_ino_t ino);
int ext2_node_get(struct ext2_mount *m, ext2_ino_t ino, bool is_dir,
		  struct ext2_node **node);
int ext2_node_put(struct ext2_mount *m, struct ext2_node *node);
int ext2_node_flush(struct ext2_mount *m, struct ext2_node *node);
int ext2_read_inode(struct ext2_mount *m, ext2_ino_t ino,
		    struct ext2_inode *inode);
int ext2_write_inode(struct ext2_mount *m, ext2_ino_t ino,
		     struct ext2_inode *inode);
/* Drop one link to ino; at zero links (and no open fd) free it. */
int ext2_drop_link(struct ext2_mount *m, ext2_ino_t ino);
/* ino lost its last name: free it now, or at its last close. */
int ext2_release_inode(struct ext2_mount *m, ext2_ino_t ino);
/* Free an inode with no links left: its blocks, then the inode. */
int ext2_free_inode(struct ext2_mount *m, ext2_ino_t ino);
void ext2_stamp(struct ext2_mount *m, struct ext2_inode *inode, bool mtime);

/* struct stat of an inode (stat.c). */
void ext2_fill_stat(struct ext2_mount *m, ext2_ino_t ino,
		    const struct ext2_inode *inode, struct stat *st);

/* The vfs_ops (file.c, dir.c, names.c, mount.c). */
int ext2_op_open(void *fs, const char *path, int flags, mode_t mode,
		 const struct file_ops **ops, void **priv);
int ext2_op_stat(void *fs, const char *path, struct stat *st);
int ext2_op_mkdir(void *fs, const char *path, mode_t mode);
int ext2_op_rmdir(void *fs, const char *path);
int ext2_op_unlink(void *fs, const char *path);
int ext2_op_rename(void *fs, const char *from, const char *to);
int ext2_op_opendir(void *fs, const char *path, void **dir);
int ext2_op_readdir(void *fs, void *dir, struct vfs_dirent *ent);
void ext2_op_closedir(void *fs, void *dir);
int ext2_op_lstat(void *fs, const char *path, struct stat *st);
ssize_t ext2_op_readlink(void *fs, const char *path, char *buf, size_t size);
int ext2_op_symlink(void *fs, const char *target, const char *path);
int ext2_op_chmod(void *fs, const char *path, mode_t mode);
int ext2_op_statvfs(void *fs, struct statvfs *sv);

/* chmod and statvfs's work, for a path or an fd (attr.c); the caller
 * holds the lock. */
int ext2_set_mode(struct ext2_mount *m, ext2_ino_t ino, mode_t mode);
int ext2_statvfs(struct ext2_mount *m, struct statvfs *sv);

#endif
