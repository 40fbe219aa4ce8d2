/*
 * Files of the ramdisk tree: reading, seeking and stat over the archive's
 * bytes, which stay where the domain builder put them. Nothing here
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
	st->st_blksize = 4096;
	st->st_blocks = (blkcnt_t)((n->size + 511) / 512);
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
};

static int rd_open(void *fs, const char *path, int flags, mode_t mode,
		   const struct file_ops **ops, void **priv)
{
	const struct rd_tree *t = fs;
	const struct rd_node *n = rd_tree_lookup(t, path);
	struct rd_file *f;

	(void)mode;
	if (!n)
		return flags & O_CREAT ? -EROFS : -ENOENT;
	if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC))
		return -EROFS;
	if (S_ISDIR(n->mode))
		return -EISDIR;
	if (S_ISLNK(n->mode))
		return -ELOOP; /* links are not followed (path.h) */
	f = malloc(sizeof(*f));
	if (!f)
		return -ENOMEM;
	*f = (struct rd_file){ .tree = t, .node = n };
	*ops = &file_ops.ops;
	*priv = f;
	return 0;
}

static int rd_stat(void *fs, const char *path, struct stat *st)
{
	const struct rd_node *n = rd_tree_lookup(fs, path);

	if (!n)
		return -ENOENT;
	node_stat(fs, n, st);
	return 0;
}

static int rd_opendir(void *fs, const char *path, void **dir)
{
	const struct rd_node *n = rd_tree_lookup(fs, path);
	struct rd_dir *d;

	if (!n)
		return -ENOENT;
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
	.opendir = rd_opendir,
	.readdir = rd_readdir,
	.closedir = rd_closedir,
};
