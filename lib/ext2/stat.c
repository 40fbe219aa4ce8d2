/* struct stat of an inode: stat and lstat on a path, fstat on an fd. */
#include <string.h>
#include "lib/ext2/ext2_priv.h"

void ext2_fill_stat(struct ext2_mount *m, ext2_ino_t ino,
		    const struct ext2_inode *inode, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_dev = m->dev_id;
	st->st_ino = ino;
	/* ext2's mode bits are Linux's, which are POSIX's and newlib's. */
	st->st_mode = inode->i_mode;
	st->st_nlink = inode->i_links_count;
	st->st_uid = inode_uid(*inode);
	st->st_gid = inode_gid(*inode);
	st->st_size = EXT2_I_SIZE(inode);
	st->st_blksize = m->fs->blocksize;
	st->st_blocks =
		ext2fs_get_stat_i_blocks(m->fs, (struct ext2_inode *)inode);
	st->st_atime = inode->i_atime;
	st->st_mtime = inode->i_mtime;
	st->st_ctime = inode->i_ctime;
}

static int stat_path(struct ext2_mount *m, const char *path, bool follow_last,
		     struct stat *st)
{
	struct ext2_inode inode;
	ext2_ino_t ino;
	int err;

	mutex_lock(&m->lock);
	err = follow_last ? ext2_lookup(m, path, &ino) :
			    ext2_lookup_nofollow(m, path, &ino);
	if (!err)
		err = ext2_read_inode(m, ino, &inode);
	if (!err)
		ext2_fill_stat(m, ino, &inode, st);
	mutex_unlock(&m->lock);
	return err;
}

int ext2_op_stat(void *fs, const char *path, struct stat *st)
{
	return stat_path(fs, path, true, st);
}

/* A link's own inode: its size is its target's length, as Linux's. */
int ext2_op_lstat(void *fs, const char *path, struct stat *st)
{
	return stat_path(fs, path, false, st);
}
