/*
 * Files of the ramdisk tree: reading, seeking and stat over the archive's
 * bytes, which stay where the domain builder put them. Symbolic links
 * in the tree are followed (ramdisk_tree.h), within it. Nothing here
 * writes: the mount is read-only, so the vfs refuses every change with
 * EROFS before it gets here.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "lib/libc/fd.h"
#include "lib/libc/ramdisk_fs.h"
#include "lib/libc/ramdisk_tree.h"

#define RD_BLOCK 4096

struct rd_file {
	const struct rd_tree *tree;
	const struct rd_node *node;
	off_t pos;
};

struct rd_dir {
	const struct rd_tree *tree;
	const struct rd_node *node;
	int dots; /* how many of "." and ".." were given out */
	int next; /* the next child's index, -1 after the last */
};

static void node_stat(const struct rd_tree *t, const struct rd_node *n,
		      struct stat *st)
{
	st->st_ino = rd_tree_ino(t, n);
	st->st_mode = n->mode;
	st->st_nlink = S_ISDIR(n->mode) ? 2 : 1;
	st->st_uid = n->uid;
	st->st_gid = n->gid;
	st->st_size = (off_t)n->size;
	st->st_mtim.tv_sec = n->mtime;
	st->st_atim = st->st_ctim = st->st_mtim;
	st->st_blksize = RD_BLOCK;
	st->st_blocks = (blkcnt_t)((n->size + 511) / 512);
}

/* As a link's own stat: Linux gives its target's length as its size. */
static void link_stat(const struct rd_tree *t, const struct rd_node *n,
		      struct stat *st)
{
	node_stat(t, n, st);
	if (S_ISLNK(n->mode) && n->link) {
		st->st_size = (off_t)strlen(n->link);
		st->st_blocks = 0;
	}
}

/* The tree as statvfs sees it: full (nothing free), 4 KiB blocks. */
static int tree_statvfs(const struct rd_tree *t, struct statvfs *sv)
{
	uint64_t blocks = 0;

	for (size_t i = 0; i < t->count; i++)
		blocks += (t->nodes[i].size + RD_BLOCK - 1) / RD_BLOCK;
	sv->f_bsize = sv->f_frsize = RD_BLOCK;
	sv->f_blocks = (fsblkcnt_t)blocks;
	sv->f_files = (fsfilcnt_t)t->count;
	sv->f_flag = ST_RDONLY;
	return 0;
}

static ssize_t file_pread(void *priv, void *buf, size_t len, off_t offset)
{
	struct rd_file *f = priv;
	uint64_t size = f->node->size;

	if (offset < 0)
		return -EINVAL;
	if ((uint64_t)offset >= size)
		return 0;
	if (len > size - (uint64_t)offset)
		len = (size_t)(size - (uint64_t)offset);
	memcpy(buf, (const char *)f->node->data + offset, len);
	return (ssize_t)len;
}

static ssize_t file_read(void *priv, void *buf, size_t len)
{
	struct rd_file *f = priv;
	ssize_t n = file_pread(priv, buf, len, f->pos);

	if (n > 0)
		f->pos += n;
	return n;
}

/* Opened for reading only: writing is EBADF, as on Linux. */
static ssize_t file_write(void *priv, const void *buf, size_t len)
{
	(void)priv;
	(void)buf;
	(void)len;
	return -EBADF;
}

static ssize_t file_pwrite(void *priv, const void *buf, size_t len,
			   off_t offset)
{
	(void)offset;
	return file_write(priv, buf, len);
}

static off_t file_lseek(void *priv, off_t offset, int whence)
{
	struct rd_file *f = priv;
	off_t base = whence == SEEK_SET ? 0 :
		     whence == SEEK_CUR ? f->pos :
		     whence == SEEK_END ? (off_t)f->node->size :
					  -1;

	if (base < 0 || (offset > 0 && base > INT64_MAX - offset) ||
	    base + offset < 0)
		return -EINVAL;
	f->pos = base + offset;
	return f->pos;
}

static int file_fstat(void *priv, struct stat *st)
{
	struct rd_file *f = priv;

	node_stat(f->tree, f->node, st);
	return 0;
}

static int file_close(void *priv)
{
	free(priv);
	return 0;
}

static int file_poll(void *priv)
{
	(void)priv;
	return FD_READY_IN | FD_READY_OUT;
}

static int file_get_flags(void *priv)
{
	(void)priv;
	return O_RDONLY;
}

static int file_fsync(void *priv)
{
	(void)priv;
	return 0;
}

/* Linux: EINVAL for an fd not open for writing. */
static int file_ftruncate(void *priv, off_t length)
{
	(void)priv;
	(void)length;
	return -EINVAL;
}

/* Nothing on the ramdisk changes. */
static int file_fchmod(void *priv, mode_t mode)
{
	(void)priv;
	(void)mode;
	return -EROFS;
}

static int file_fstatvfs(void *priv, struct statvfs *sv)
{
	struct rd_file *f = priv;

	return tree_statvfs(f->tree, sv);
}

static const struct file_ctl_ops file_ops = {
	.ops = { .read = file_read,
		 .write = file_write,
		 .lseek = file_lseek,
		 .fstat = file_fstat,
		 .close = file_close,
		 .has_ctl = 1 },
	.poll = file_poll,
	.get_flags = file_get_flags,
	.pread = file_pread,
	.pwrite = file_pwrite,
	.fsync = file_fsync,
	.ftruncate = file_ftruncate,
	.fchmod = file_fchmod,
	.fstatvfs = file_fstatvfs,
};

static int rd_open(void *fs, const char *path, int flags, mode_t mode,
		   const struct file_ops **ops, void **priv)
{
	const struct rd_tree *t = fs;
	int err;
	const struct rd_node *n = rd_tree_resolve(t, path, 1, &err);
	struct rd_file *f;

	(void)mode;
	if (!n)
		return err == -ENOENT && (flags & O_CREAT) ? -EROFS : err;
	if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC))
		return -EROFS;
	if (S_ISDIR(n->mode))
		return -EISDIR;
	f = malloc(sizeof(*f));
	if (!f)
		return -ENOMEM;
	*f = (struct rd_file){ .tree = t, .node = n };
	*ops = &file_ops.ops;
	*priv = f;
	return 0;
}

/* Links are followed, the last one too. */
static int rd_stat(void *fs, const char *path, struct stat *st)
{
	int err;
	const struct rd_node *n = rd_tree_resolve(fs, path, 1, &err);

	if (!n)
		return err;
	node_stat(fs, n, st);
	return 0;
}

/* Links on the way are followed, the last one is not. */
static int rd_lstat(void *fs, const char *path, struct stat *st)
{
	int err;
	const struct rd_node *n = rd_tree_resolve(fs, path, 0, &err);

	if (!n)
		return err;
	link_stat(fs, n, st);
	return 0;
}

static ssize_t rd_readlink(void *fs, const char *path, char *buf, size_t size)
{
	int err;
	const struct rd_node *n = rd_tree_resolve(fs, path, 0, &err);
	size_t len;

	if (!n)
		return err;
	if (!S_ISLNK(n->mode) || !n->link)
		return -EINVAL;
	len = strlen(n->link);
	if (len > size)
		len = size; /* as Linux: cut short, not terminated */
	memcpy(buf, n->link, len);
	return (ssize_t)len;
}

static int rd_statvfs(void *fs, struct statvfs *sv)
{
	return tree_statvfs(fs, sv);
}

static int rd_opendir(void *fs, const char *path, void **dir)
{
	int err;
	const struct rd_node *n = rd_tree_resolve(fs, path, 1, &err);
	struct rd_dir *d;

	if (!n)
		return err;
	if (!S_ISDIR(n->mode))
		return -ENOTDIR;
	d = malloc(sizeof(*d));
	if (!d)
		return -ENOMEM;
	*d = (struct rd_dir){ .tree = fs, .node = n, .next = n->first_child };
	*dir = d;
	return 0;
}

static int rd_readdir(void *fs, void *dir, struct vfs_dirent *ent)
{
	struct rd_dir *d = dir;
	const struct rd_node *n;

	(void)fs;
	if (d->dots < 2) {
		strcpy(ent->name, d->dots++ ? ".." : ".");
		ent->ino = rd_tree_ino(d->tree, d->node);
		ent->type = DT_DIR;
		return 1;
	}
	if (d->next < 0)
		return 0;
	n = &d->tree->nodes[d->next];
	d->next = n->next_sibling;
	ent->ino = rd_tree_ino(d->tree, n);
	ent->type = S_ISDIR(n->mode) ? DT_DIR :
		    S_ISLNK(n->mode) ? DT_LNK :
				       DT_REG;
	strncpy(ent->name, n->base, sizeof(ent->name) - 1);
	ent->name[sizeof(ent->name) - 1] = 0;
	return 1;
}

static void rd_closedir(void *fs, void *dir)
{
	(void)fs;
	free(dir);
}

const struct vfs_ops ramdisk_vfs_ops = {
	.open = rd_open,
	.stat = rd_stat,
	.lstat = rd_lstat,
	.readlink = rd_readlink,
	.statvfs = rd_statvfs,
	.opendir = rd_opendir,
	.readdir = rd_readdir,
	.closedir = rd_closedir,
};
