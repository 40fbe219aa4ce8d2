/*
 * Modes and filesystem statistics: chmod and statvfs on a path, and the
 * same for an open fd (file.c calls ext2_set_mode and ext2_statvfs).
 */
#include <errno.h>
#include "lib/ext2/ext2_priv.h"

/* The permission bits of ino become mode's; its ctime is now. The
 * caller holds the lock. */
int ext2_set_mode(struct ext2_mount *m, ext2_ino_t ino, mode_t mode)
{
	struct ext2_inode inode;
	int err;

	if (m->read_only)
		return -EROFS;
	err = ext2_read_inode(m, ino, &inode);
	if (err)
		return err;
	inode.i_mode = (inode.i_mode & LINUX_S_IFMT) | (mode & 07777);
	ext2_stamp(m, &inode, false);
	return ext2_write_inode(m, ino, &inode);
}

int ext2_op_chmod(void *fs, const char *path, mode_t mode)
{
	struct ext2_mount *m = fs;
	ext2_ino_t ino;
	int err;

	mutex_lock(&m->lock);
	err = ext2_lookup(m, path, &ino);
	if (!err)
		err = ext2_set_mode(m, ino, mode);
	mutex_unlock(&m->lock);
	return err;
}

/* As Linux's ext4 reports it: blocks free to root, and to the others
 * (those less the reserved blocks); inodes, all usable by anyone. */
int ext2_statvfs(struct ext2_mount *m, struct statvfs *sv)
{
	struct ext2_super_block *sb = m->fs->super;
	blk64_t free_blocks = ext2fs_free_blocks_count(sb);
	blk64_t reserved = ext2fs_r_blocks_count(sb);

	sv->f_bsize = sv->f_frsize = m->fs->blocksize;
	sv->f_blocks = (fsblkcnt_t)ext2fs_blocks_count(sb);
	sv->f_bfree = (fsblkcnt_t)free_blocks;
	sv->f_bavail = (fsblkcnt_t)(free_blocks > reserved ?
					    free_blocks - reserved :
					    0);
	sv->f_files = sb->s_inodes_count;
	sv->f_ffree = sv->f_favail = sb->s_free_inodes_count;
	sv->f_fsid = m->dev_id;
	sv->f_flag = m->read_only ? ST_RDONLY : 0;
	sv->f_namemax = NAME_MAX_EXT2;
	return 0;
}

int ext2_op_statvfs(void *fs, struct statvfs *sv)
{
	struct ext2_mount *m = fs;

	mutex_lock(&m->lock);
	ext2_statvfs(m, sv);
	mutex_unlock(&m->lock);
	return 0;
}
