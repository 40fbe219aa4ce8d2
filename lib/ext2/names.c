/*
 * Names: finding the inode a path names, adding and removing directory
 * entries, and the vfs_ops that only change names (unlink, rename).
 * Paths arrive relative to the mount root, canonical, without a leading
 * slash ("" is the root itself).
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "lib/ext2/ext2_priv.h"

static int lookup(struct ext2_mount *m, const char *path, bool follow_last,
		  ext2_ino_t *ino)
{
	if (!*path) {
		*ino = EXT2_ROOT_INO;
		return 0;
	}
	if (!follow_last)
		return ext2_errno(ext2fs_namei(m->fs, EXT2_ROOT_INO,
					       EXT2_ROOT_INO, path, ino));
	return ext2_errno(ext2fs_namei_follow(m->fs, EXT2_ROOT_INO,
					      EXT2_ROOT_INO, path, ino));
}

int ext2_lookup(struct ext2_mount *m, const char *path, ext2_ino_t *ino)
{
	return lookup(m, path, true, ino);
}

int ext2_lookup_nofollow(struct ext2_mount *m, const char *path,
			 ext2_ino_t *ino)
{
	return lookup(m, path, false, ino);
}

int ext2_lookup_in(struct ext2_mount *m, ext2_ino_t dir, const char *name,
		   ext2_ino_t *ino)
{
	return ext2_errno(
		ext2fs_lookup(m->fs, dir, name, strlen(name), NULL, ino));
}

static int check_dir(struct ext2_mount *m, ext2_ino_t ino)
{
	struct ext2_inode inode;
	int err = ext2_read_inode(m, ino, &inode);

	if (err)
		return err;
	return LINUX_S_ISDIR(inode.i_mode) ? 0 : -ENOTDIR;
}

int ext2_lookup_parent(struct ext2_mount *m, const char *path,
		       ext2_ino_t *parent, const char **name)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int err;

	if (!*path)
		return -EBUSY; /* the mount's root has no name to change */
	*name = slash ? slash + 1 : path;
	if (strlen(*name) > NAME_MAX_EXT2)
		return -ENAMETOOLONG;
	if (!slash) {
		*parent = EXT2_ROOT_INO;
		return 0;
	}
	dir = strndup(path, (size_t)(slash - path));
	if (!dir)
		return -ENOMEM;
	err = ext2_lookup(m, dir, parent);
	free(dir);
	return err ? err : check_dir(m, *parent);
}

int ext2_lookup_new(struct ext2_mount *m, const char *path, ext2_ino_t *parent,
		    const char **name)
{
	ext2_ino_t ino;
	int err = ext2_lookup_parent(m, path, parent, name);

	if (err)
		return err == -EBUSY ? -EEXIST : err;
	err = ext2_lookup_in(m, *parent, *name, &ino);
	return err == -ENOENT ? 0 : err ? err : -EEXIST;
}

static int file_type(mode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG:
		return EXT2_FT_REG_FILE;
	case S_IFDIR:
		return EXT2_FT_DIR;
	case S_IFLNK:
		return EXT2_FT_SYMLINK;
	case S_IFCHR:
		return EXT2_FT_CHRDEV;
	case S_IFBLK:
		return EXT2_FT_BLKDEV;
	case S_IFIFO:
		return EXT2_FT_FIFO;
	case S_IFSOCK:
		return EXT2_FT_SOCK;
	}
	return EXT2_FT_UNKNOWN;
}

/* A directory's entries changed: its mtime and ctime are now. */
static int touch_dir(struct ext2_mount *m, ext2_ino_t dir, int nlink_delta)
{
	struct ext2_inode inode;
	int err = ext2_read_inode(m, dir, &inode);

	if (err)
		return err;
	/* A count of 1 means "too many to count" (dir_nlink): keep it. */
	if (nlink_delta > 0 && inode.i_links_count > 1 &&
	    inode.i_links_count < EXT2_LINK_MAX)
		inode.i_links_count++;
	else if (nlink_delta > 0 && inode.i_links_count >= EXT2_LINK_MAX)
		inode.i_links_count = 1;
	else if (nlink_delta < 0 && inode.i_links_count > 2)
		inode.i_links_count--;
	ext2_stamp(m, &inode, true);
	return ext2_write_inode(m, dir, &inode);
}

int ext2_add_link(struct ext2_mount *m, ext2_ino_t dir, const char *name,
		  ext2_ino_t ino, mode_t mode)
{
	int type = file_type(mode);
	errcode_t err = ext2fs_link(m->fs, dir, name, ino, type);

	if (err == EXT2_ET_DIR_NO_SPACE) {
		err = ext2fs_expand_dir(m->fs, dir);
		if (!err)
			err = ext2fs_link(m->fs, dir, name, ino, type);
	}
	if (err)
		return ext2_errno(err);
	return touch_dir(m, dir, S_ISDIR(mode) ? 1 : 0);
}

/* Remove name (naming ino) from dir; is_dir: ino's ".." goes too. */
static int remove_link(struct ext2_mount *m, ext2_ino_t dir, const char *name,
		       ext2_ino_t ino, bool is_dir)
{
	int err = ext2_errno(ext2fs_unlink(m->fs, dir, name, ino, 0));

	return err ? err : touch_dir(m, dir, is_dir ? -1 : 0);
}

static int count_entry(ext2_ino_t dir, int entry, struct ext2_dir_entry *d,
		       int offset, int blocksize, char *buf, void *priv)
{
	int *count = priv;

	(void)dir, (void)d, (void)offset, (void)blocksize, (void)buf;
	if (entry == DIRENT_DOT_FILE || entry == DIRENT_DOT_DOT_FILE)
		return 0;
	++*count;
	return DIRENT_ABORT;
}

/* 0 when directory ino holds nothing but "." and "..". */
int ext2_dir_empty(struct ext2_mount *m, ext2_ino_t ino)
{
	int count = 0;
	errcode_t err =
		ext2fs_dir_iterate2(m->fs, ino, 0, NULL, count_entry, &count);

	if (err)
		return ext2_errno(err);
	return count ? -ENOTEMPTY : 0;
}

/* Remove directory ino, named name in parent (rmdir, rename over it). */
int ext2_remove_dir(struct ext2_mount *m, ext2_ino_t parent, const char *name,
		    ext2_ino_t ino)
{
	int err;

	if (ino == EXT2_ROOT_INO)
		return -EBUSY;
	err = ext2_dir_empty(m, ino);
	if (!err)
		err = remove_link(m, parent, name, ino, true);
	return err ? err : ext2_release_inode(m, ino);
}

int ext2_op_unlink(void *fs, const char *path)
{
	struct ext2_mount *m = fs;
	struct ext2_inode inode;
	const char *name;
	ext2_ino_t parent, ino;
	int err;

	if (m->read_only)
		return -EROFS;
	mutex_lock(&m->lock);
	err = ext2_lookup_parent(m, path, &parent, &name);
	if (err == -EBUSY)
		err = -EISDIR;
	if (!err)
		err = ext2_lookup_in(m, parent, name, &ino);
	if (!err)
		err = ext2_read_inode(m, ino, &inode);
	if (!err && LINUX_S_ISDIR(inode.i_mode))
		err = -EISDIR;
	if (!err)
		err = remove_link(m, parent, name, ino, false);
	if (!err)
		err = ext2_drop_link(m, ino);
	mutex_unlock(&m->lock);
	return err;
}

struct dotdot {
	ext2_ino_t parent;
	bool done;
};

static int set_dotdot(ext2_ino_t dir, int entry, struct ext2_dir_entry *d,
		      int offset, int blocksize, char *buf, void *priv)
{
	struct dotdot *dd = priv;

	(void)dir, (void)offset, (void)blocksize, (void)buf;
	if (entry != DIRENT_DOT_DOT_FILE)
		return 0;
	d->inode = dd->parent;
	dd->done = true;
	return DIRENT_CHANGED | DIRENT_ABORT;
}

/* A directory moved to a new parent: its ".." follows. */
static int move_dotdot(struct ext2_mount *m, ext2_ino_t dir, ext2_ino_t parent)
{
	struct dotdot dd = { .parent = parent };
	errcode_t err = ext2fs_dir_iterate2(
		m->fs, dir, DIRENT_FLAG_INCLUDE_EMPTY, NULL, set_dotdot, &dd);

	if (err)
		return ext2_errno(err);
	return dd.done ? 0 : -EIO;
}

/* -EINVAL when dir is ino or lies under it (a directory into itself). */
static int check_not_inside(struct ext2_mount *m, ext2_ino_t ino,
			    ext2_ino_t dir)
{
	unsigned int depth = 0;
	int err;

	while (dir != EXT2_ROOT_INO) {
		if (dir == ino)
			return -EINVAL;
		if (++depth > 4096) /* a loop: the tree is corrupt */
			return -EIO;
		err = ext2_lookup_in(m, dir, "..", &dir);
		if (err)
			return err;
	}
	return ino == EXT2_ROOT_INO ? -EINVAL : 0;
}

/* Make way for rename's source at an existing target tino. */
static int replace_target(struct ext2_mount *m, bool from_dir,
			  ext2_ino_t tparent, const char *tname,
			  ext2_ino_t tino)
{
	struct ext2_inode inode;
	int err = ext2_read_inode(m, tino, &inode);

	if (err)
		return err;
	if (LINUX_S_ISDIR(inode.i_mode)) {
		if (!from_dir)
			return -EISDIR;
		return ext2_remove_dir(m, tparent, tname, tino);
	}
	if (from_dir)
		return -ENOTDIR;
	err = remove_link(m, tparent, tname, tino, false);
	return err ? err : ext2_drop_link(m, tino);
}

static int do_rename(struct ext2_mount *m, const char *from, const char *to)
{
	struct ext2_inode inode;
	const char *fname, *tname;
	ext2_ino_t fparent, tparent, ino, tino;
	bool is_dir;
	int err;

	err = ext2_lookup_parent(m, from, &fparent, &fname);
	if (!err)
		err = ext2_lookup_in(m, fparent, fname, &ino);
	if (!err)
		err = ext2_lookup_parent(m, to, &tparent, &tname);
	if (!err)
		err = ext2_read_inode(m, ino, &inode);
	if (err)
		return err;
	is_dir = LINUX_S_ISDIR(inode.i_mode);
	if (is_dir) {
		err = check_not_inside(m, ino, tparent);
		if (err)
			return err;
	}
	err = ext2_lookup_in(m, tparent, tname, &tino);
	if (!err && tino == ino)
		return 0; /* two names of one inode: nothing to do */
	if (!err)
		err = replace_target(m, is_dir, tparent, tname, tino);
	else if (err == -ENOENT)
		err = 0;
	if (!err)
		err = ext2_add_link(m, tparent, tname, ino, inode.i_mode);
	if (!err)
		err = remove_link(m, fparent, fname, ino, is_dir);
	if (!err && is_dir && fparent != tparent)
		err = move_dotdot(m, ino, tparent);
	if (!err && ext2_read_inode(m, ino, &inode) == 0) {
		ext2_stamp(m, &inode, false);
		err = ext2_write_inode(m, ino, &inode);
	}
	return err;
}

int ext2_op_rename(void *fs, const char *from, const char *to)
{
	struct ext2_mount *m = fs;
	int err;

	if (m->read_only)
		return -EROFS;
	mutex_lock(&m->lock);
	err = do_rename(m, from, to);
	mutex_unlock(&m->lock);
	return err;
}
