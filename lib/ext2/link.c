/*
 * Symbolic links: readlink and symlink (lstat is in stat.c). A link's target is kept
 * as ext2 keeps it: in the inode itself when under 60 bytes (a "fast"
 * link), else in a data block or inline data (ext2fs_symlink chooses),
 * read back through an ext2_file_t. Targets of a block or more are
 * ENAMETOOLONG, as Linux says.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "lib/ext2/ext2_priv.h"

/* A slow link's target: its data, through libext2fs's file reader. */
static int read_target(struct ext2_mount *m, ext2_ino_t ino, char *buf,
		       unsigned int len)
{
	ext2_file_t file;
	unsigned int got = 0;
	int err = ext2_errno(ext2fs_file_open(m->fs, ino, 0, &file));

	if (err)
		return err;
	err = ext2_errno(ext2fs_file_read(file, buf, len, &got));
	ext2fs_file_close(file);
	return err ? err : got == len ? 0 : -EIO;
}

static ssize_t readlink_locked(struct ext2_mount *m, const char *path,
			       char *buf, size_t size)
{
	struct ext2_inode inode;
	char *target;
	ext2_ino_t ino;
	size_t len;
	int err = ext2_lookup_nofollow(m, path, &ino);

	if (!err)
		err = ext2_read_inode(m, ino, &inode);
	if (err)
		return err;
	if (!LINUX_S_ISLNK(inode.i_mode))
		return -EINVAL;
	len = EXT2_I_SIZE(&inode);
	if (len >= m->fs->blocksize)
		return -EIO; /* no link Linux or libext2fs makes */
	if (len < sizeof(inode.i_block)) {
		/* Fast, or inline data that fits the inode: in i_block. */
		target = (char *)inode.i_block;
	} else {
		target = malloc(len);
		if (!target)
			return -ENOMEM;
		err = read_target(m, ino, target, (unsigned int)len);
	}
	if (!err) {
		if (len > size)
			len = size; /* as Linux: cut short, not terminated */
		memcpy(buf, target, len);
	}
	if (target != (char *)inode.i_block)
		free(target);
	return err ? err : (ssize_t)len;
}

ssize_t ext2_op_readlink(void *fs, const char *path, char *buf, size_t size)
{
	struct ext2_mount *m = fs;
	ssize_t n;

	mutex_lock(&m->lock);
	n = readlink_locked(m, path, buf, size);
	mutex_unlock(&m->lock);
	return n;
}

static int symlink_locked(struct ext2_mount *m, const char *target,
			  const char *path)
{
	const char *name;
	ext2_ino_t parent, ino;
	int err = ext2_lookup_new(m, path, &parent, &name);

	if (!err && strlen(target) >= m->fs->blocksize)
		err = -ENAMETOOLONG;
	if (!err)
		err = ext2_errno(ext2fs_new_inode(
			m->fs, parent, LINUX_S_IFLNK | 0777, NULL, &ino));
	if (err)
		return err;
	/* The inode first (no name: ext2fs_link cannot grow a directory),
	 * then its name through ext2_add_link, which can. */
	err = ext2_errno(ext2fs_symlink(m->fs, parent, ino, NULL, target));
	if (err)
		return err;
	err = ext2_add_link(m, parent, name, ino, S_IFLNK);
	if (err)
		ext2_free_inode(m, ino);
	return err;
}

int ext2_op_symlink(void *fs, const char *target, const char *path)
{
	struct ext2_mount *m = fs;
	int err;

	if (m->read_only)
		return -EROFS;
	mutex_lock(&m->lock);
	err = symlink_locked(m, target, path);
	mutex_unlock(&m->lock);
	return err;
}
