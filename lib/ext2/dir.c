/*
 * Directories: mkdir, rmdir and reading one. opendir takes a snapshot
 * of the entries (".", ".." and the rest, as Linux lists them), so
 * readdir needs no lock and changes made while reading cannot confuse
 * it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "lib/ext2/ext2_priv.h"

struct dir_entry {
	ext2_ino_t ino;
	unsigned char type;
	char name[];
};

struct dir_snapshot {
	struct dir_entry **entries;
	size_t count, room, next;
	int err;
};

int ext2_op_mkdir(void *fs, const char *path, mode_t mode)
{
	struct ext2_mount *m = fs;
	struct ext2_inode inode;
	const char *name;
	ext2_ino_t parent, ino;
	int err;

	if (m->read_only)
		return -EROFS;
	mutex_lock(&m->lock);
	err = ext2_lookup_new(m, path, &parent, &name);
	if (!err)
		err = ext2_errno(ext2fs_new_inode(
			m->fs, parent, LINUX_S_IFDIR | 0755, NULL, &ino));
	if (!err)
		err = ext2_errno(ext2fs_mkdir(m->fs, parent, ino, name));
	if (!err)
		err = ext2_read_inode(m, ino, &inode);
	if (!err) {
		inode.i_mode = LINUX_S_IFDIR | (mode & 07777);
		err = ext2_write_inode(m, ino, &inode);
	}
	mutex_unlock(&m->lock);
	return err;
}

int ext2_op_rmdir(void *fs, const char *path)
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
	if (!err)
		err = ext2_lookup_in(m, parent, name, &ino);
	if (!err)
		err = ext2_read_inode(m, ino, &inode);
	if (!err && !LINUX_S_ISDIR(inode.i_mode))
		err = -ENOTDIR;
	if (!err)
		err = ext2_remove_dir(m, parent, name, ino);
	mutex_unlock(&m->lock);
	return err;
}

/* ext2's file type in a directory entry as readdir's d_type. */
static unsigned char dirent_type(int ft)
{
	static const unsigned char types[EXT2_FT_MAX] = {
		[EXT2_FT_REG_FILE] = 8, /* DT_REG */
		[EXT2_FT_DIR] = 4, /* DT_DIR */
		[EXT2_FT_CHRDEV] = 2, /* DT_CHR */
		[EXT2_FT_BLKDEV] = 6, /* DT_BLK */
		[EXT2_FT_FIFO] = 1, /* DT_FIFO */
		[EXT2_FT_SOCK] = 12, /* DT_SOCK */
		[EXT2_FT_SYMLINK] = 10, /* DT_LNK */
	};

	return ft > 0 && ft < EXT2_FT_MAX ? types[ft] : 0; /* DT_UNKNOWN */
}

static int add_entry(ext2_ino_t dir, int entry, struct ext2_dir_entry *d,
		     int offset, int blocksize, char *buf, void *priv)
{
	struct dir_snapshot *snap = priv;
	int len = ext2fs_dirent_name_len(d);
	struct dir_entry *e;

	(void)dir, (void)entry, (void)offset, (void)blocksize, (void)buf;
	if (snap->count == snap->room) {
		size_t room = snap->room ? 2 * snap->room : 16;
		struct dir_entry **more =
			realloc(snap->entries, room * sizeof(*more));

		if (!more)
			goto nomem;
		snap->entries = more;
		snap->room = room;
	}
	e = malloc(sizeof(*e) + len + 1);
	if (!e)
		goto nomem;
	e->ino = d->inode;
	e->type = dirent_type(ext2fs_dirent_file_type(d));
	memcpy(e->name, d->name, len);
	e->name[len] = '\0';
	snap->entries[snap->count++] = e;
	return 0;
nomem:
	snap->err = -ENOMEM;
	return DIRENT_ABORT;
}

static void free_snapshot(struct dir_snapshot *snap)
{
	while (snap->count)
		free(snap->entries[--snap->count]);
	free(snap->entries);
	free(snap);
}

int ext2_op_opendir(void *fs, const char *path, void **dir)
{
	struct ext2_mount *m = fs;
	struct dir_snapshot *snap = calloc(1, sizeof(*snap));
	ext2_ino_t ino;
	int err;

	if (!snap)
		return -ENOMEM;
	mutex_lock(&m->lock);
	err = ext2_lookup(m, path, &ino);
	if (!err)
		err = ext2_errno(ext2fs_dir_iterate2(m->fs, ino, 0, NULL,
						     add_entry, snap));
	if (!err)
		err = snap->err;
	mutex_unlock(&m->lock);
	if (err) {
		free_snapshot(snap);
		return err;
	}
	*dir = snap;
	return 0;
}

int ext2_op_readdir(void *fs, void *dir, struct vfs_dirent *ent)
{
	struct dir_snapshot *snap = dir;
	struct dir_entry *e;

	(void)fs;
	if (snap->next == snap->count)
		return 0;
	e = snap->entries[snap->next++];
	ent->ino = e->ino;
	ent->type = e->type;
	strcpy(ent->name, e->name); /* at most 255 bytes: fits */
	return 1;
}

void ext2_op_closedir(void *fs, void *dir)
{
	(void)fs;
	free_snapshot(dir);
}
