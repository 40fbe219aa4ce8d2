/*
 * Files: open (creating or truncating as asked) and the fd's ops. Each
 * fd has its own offset and access mode over the inode's shared node
 * (node.c); every op takes the mount's lock. Reads and writes go
 * through libext2fs's ext2_file_t, which buffers one block: fsync and
 * close write it back, and fsync also writes libext2fs's bitmaps and
 * superblock and flushes the disk, so what fsync returned for is on it.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include "lib/ext2/ext2_priv.h"

struct ext2_fd {
	struct ext2_mount *m;
	struct ext2_node *node;
	off_t pos;
	int flags; /* open's O_ACCMODE and O_APPEND */
};

/* At most this much per libext2fs call (it counts in unsigned int). */
#define IO_CHUNK (1u << 30)

static bool can_read(const struct ext2_fd *f)
{
	return (f->flags & O_ACCMODE) != O_WRONLY;
}

static bool can_write(const struct ext2_fd *f)
{
	return (f->flags & O_ACCMODE) != O_RDONLY;
}

static ssize_t read_at(struct ext2_fd *f, void *buf, size_t len, off_t pos)
{
	unsigned int got = 0;
	errcode_t err;

	if (!f->node->file)
		return -EISDIR;
	if (!can_read(f))
		return -EBADF;
	if (pos < 0)
		return -EINVAL;
	err = ext2fs_file_llseek(f->node->file, pos, EXT2_SEEK_SET, NULL);
	if (!err)
		err = ext2fs_file_read(f->node->file, buf,
				       len > IO_CHUNK ? IO_CHUNK : len, &got);
	return err ? ext2_errno(err) : (ssize_t)got;
}

static ssize_t write_at(struct ext2_fd *f, const void *buf, size_t len,
			off_t pos)
{
	unsigned int done = 0;
	errcode_t err;

	if (!can_write(f))
		return -EBADF;
	if (pos < 0)
		return -EINVAL;
	err = ext2fs_file_llseek(f->node->file, pos, EXT2_SEEK_SET, NULL);
	if (!err)
		err = ext2fs_file_write(f->node->file, buf,
					len > IO_CHUNK ? IO_CHUNK : len, &done);
	if (done)
		f->node->written = true;
	/* A short write reports what it wrote; the error comes next time. */
	return done ? (ssize_t)done : ext2_errno(err);
}

static off_t file_size(struct ext2_fd *f)
{
	struct ext2_inode inode;

	if (ext2_read_inode(f->m, f->node->ino, &inode))
		return 0;
	return (off_t)EXT2_I_SIZE(&inode);
}

static ssize_t ext2_fd_read(void *priv, void *buf, size_t len)
{
	struct ext2_fd *f = priv;
	ssize_t n;

	mutex_lock(&f->m->lock);
	n = read_at(f, buf, len, f->pos);
	if (n > 0)
		f->pos += n;
	mutex_unlock(&f->m->lock);
	return n;
}

static ssize_t ext2_fd_write(void *priv, const void *buf, size_t len)
{
	struct ext2_fd *f = priv;
	ssize_t n;

	mutex_lock(&f->m->lock);
	if (f->flags & O_APPEND)
		f->pos = file_size(f);
	n = write_at(f, buf, len, f->pos);
	if (n > 0)
		f->pos += n;
	mutex_unlock(&f->m->lock);
	return n;
}

static ssize_t ext2_fd_pread(void *priv, void *buf, size_t len, off_t off)
{
	struct ext2_fd *f = priv;
	ssize_t n;

	mutex_lock(&f->m->lock);
	n = read_at(f, buf, len, off);
	mutex_unlock(&f->m->lock);
	return n;
}

static ssize_t ext2_fd_pwrite(void *priv, const void *buf, size_t len,
			      off_t off)
{
	struct ext2_fd *f = priv;
	ssize_t n;

	mutex_lock(&f->m->lock);
	n = write_at(f, buf, len, off);
	mutex_unlock(&f->m->lock);
	return n;
}

static off_t ext2_fd_lseek(void *priv, off_t offset, int whence)
{
	struct ext2_fd *f = priv;
	off_t base;

	mutex_lock(&f->m->lock);
	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = f->pos;
		break;
	case SEEK_END:
		base = file_size(f);
		break;
	default:
		mutex_unlock(&f->m->lock);
		return -EINVAL;
	}
	if ((offset < 0 && base + offset < 0) ||
	    (offset > 0 && base > (off_t)(~0ULL >> 1) - offset)) {
		mutex_unlock(&f->m->lock);
		return offset < 0 ? -EINVAL : -EOVERFLOW;
	}
	f->pos = base + offset;
	mutex_unlock(&f->m->lock);
	return f->pos;
}

static int ext2_fd_fstat(void *priv, struct stat *st)
{
	struct ext2_fd *f = priv;
	struct ext2_inode inode;
	int err;

	mutex_lock(&f->m->lock);
	err = ext2_read_inode(f->m, f->node->ino, &inode);
	if (!err)
		ext2_fill_stat(f->m, f->node->ino, &inode, st);
	mutex_unlock(&f->m->lock);
	return err;
}

static int ext2_fd_fsync(void *priv)
{
	struct ext2_fd *f = priv;
	int err;

	mutex_lock(&f->m->lock);
	err = ext2_node_flush(f->m, f->node);
	if (!err && !f->m->read_only)
		err = ext2_flush_fs(f->m);
	mutex_unlock(&f->m->lock);
	return err;
}

static int ext2_fd_ftruncate(void *priv, off_t length)
{
	struct ext2_fd *f = priv;
	int err;

	if (length < 0)
		return -EINVAL;
	if (!f->node->file)
		return -EISDIR;
	if (!can_write(f))
		return -EINVAL; /* as Linux: not open for writing */
	mutex_lock(&f->m->lock);
	err = ext2_errno(ext2fs_file_set_size2(f->node->file, length));
	if (!err)
		f->node->written = true;
	mutex_unlock(&f->m->lock);
	return err;
}

static int ext2_fd_close(void *priv)
{
	struct ext2_fd *f = priv;
	struct ext2_mount *m = f->m;
	int err;

	mutex_lock(&m->lock);
	err = ext2_node_put(m, f->node);
	mutex_unlock(&m->lock);
	free(f);
	return err;
}

static int ext2_fd_fchmod(void *priv, mode_t mode)
{
	struct ext2_fd *f = priv;
	int err;

	mutex_lock(&f->m->lock);
	err = ext2_set_mode(f->m, f->node->ino, mode);
	mutex_unlock(&f->m->lock);
	return err;
}

static int ext2_fd_fstatvfs(void *priv, struct statvfs *sv)
{
	struct ext2_fd *f = priv;

	return ext2_op_statvfs(f->m, sv);
}

static const struct file_ctl_ops ext2_file_ops = {
	.ops = {
		.read = ext2_fd_read,
		.write = ext2_fd_write,
		.lseek = ext2_fd_lseek,
		.fstat = ext2_fd_fstat,
		.close = ext2_fd_close,
		.has_ctl = 1,
	},
	.pread = ext2_fd_pread,
	.pwrite = ext2_fd_pwrite,
	.fsync = ext2_fd_fsync,
	.ftruncate = ext2_fd_ftruncate,
	.fchmod = ext2_fd_fchmod,
	.fstatvfs = ext2_fd_fstatvfs,
};

/* A new empty regular file, name in directory parent. */
static int create_file(struct ext2_mount *m, ext2_ino_t parent,
		       const char *name, mode_t mode, ext2_ino_t *ino)
{
	ext2_filsys fs = m->fs;
	struct ext2_inode inode = { 0 };
	ext2_extent_handle_t handle;
	int err;

	err = ext2_errno(
		ext2fs_new_inode(fs, parent, LINUX_S_IFREG | 0600, NULL, ino));
	if (!err)
		err = ext2_add_link(m, parent, name, *ino, S_IFREG);
	if (err)
		return err;
	ext2fs_inode_alloc_stats2(fs, *ino, 1, 0);
	inode.i_mode = LINUX_S_IFREG | (mode & 07777);
	inode.i_links_count = 1;
	if (ext2fs_has_feature_extents(fs->super)) {
		/* An empty extent tree in i_block, and EXTENTS_FL. */
		err = ext2_errno(
			ext2fs_extent_open2(fs, *ino, &inode, &handle));
		if (err)
			return err;
		ext2fs_extent_free(handle);
	}
	return ext2_errno(ext2fs_write_new_inode(fs, *ino, &inode));
}

/* The inode open should use: found, or created when O_CREAT says so. */
static int open_inode(struct ext2_mount *m, const char *path, int flags,
		      mode_t mode, ext2_ino_t *ino)
{
	const char *name;
	ext2_ino_t parent;
	int err = ext2_lookup(m, path, ino);

	if (!err)
		return (flags & O_CREAT) && (flags & O_EXCL) ? -EEXIST : 0;
	if (err != -ENOENT || !(flags & O_CREAT))
		return err;
	if (m->read_only)
		return -EROFS;
	err = ext2_lookup_parent(m, path, &parent, &name);
	return err ? err : create_file(m, parent, name, mode, ino);
}

static int check_open(struct ext2_mount *m, const struct ext2_inode *inode,
		      int flags)
{
	bool writes = (flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC);

	if (LINUX_S_ISDIR(inode->i_mode))
		return writes ? -EISDIR : 0;
	if (flags & O_DIRECTORY)
		return -ENOTDIR;
	if (!LINUX_S_ISREG(inode->i_mode))
		return -EOPNOTSUPP; /* devices, fifos, sockets: not here */
	return writes && m->read_only ? -EROFS : 0;
}

static int do_open(struct ext2_mount *m, const char *path, int flags,
		   mode_t mode, struct ext2_fd *f)
{
	struct ext2_inode inode;
	ext2_ino_t ino;
	int err;

	err = open_inode(m, path, flags, mode, &ino);
	if (!err)
		err = ext2_read_inode(m, ino, &inode);
	if (!err)
		err = check_open(m, &inode, flags);
	if (!err)
		err = ext2_node_get(m, ino, LINUX_S_ISDIR(inode.i_mode),
				    &f->node);
	if (err || !(flags & O_TRUNC) || (flags & O_ACCMODE) == O_RDONLY)
		return err;
	err = ext2_errno(ext2fs_file_set_size2(f->node->file, 0));
	f->node->written = true;
	if (err)
		ext2_node_put(m, f->node);
	return err;
}

int ext2_op_open(void *fs, const char *path, int flags, mode_t mode,
		 const struct file_ops **ops, void **priv)
{
	struct ext2_mount *m = fs;
	struct ext2_fd *f = calloc(1, sizeof(*f));
	int err;

	if (!f)
		return -ENOMEM;
	f->m = m;
	f->flags = flags & (O_ACCMODE | O_APPEND);
	mutex_lock(&m->lock);
	err = do_open(m, path, flags, mode, f);
	mutex_unlock(&m->lock);
	if (err) {
		free(f);
		return err;
	}
	*ops = &ext2_file_ops.ops;
	*priv = f;
	return 0;
}
