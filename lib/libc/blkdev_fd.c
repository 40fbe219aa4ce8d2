/*
 * Raw disks as files: /dev/xvda, /dev/xvdb, ... (blkdev_vfs_ops, which
 * the vfs mounts at /dev; see vfs_fs.h). Byte-addressed read, write,
 * pread, pwrite and lseek over blkfront's sectors, as on Linux: an
 * unaligned head or tail goes through one bounce sector (read, modify,
 * write), whole sectors go straight to the driver. Reads stop at the
 * disk's end; a write there fails with ENOSPC. A read-only disk opens
 * for writing but every write fails with EROFS. fsync flushes the
 * disk's cache. Unlike Linux, fstat's st_size is the disk's size (Linux
 * says 0 and wants an ioctl), so a program can size the disk portably.
 * At exit the vfs unmounts /dev last, which closes the disks.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "kernel/drivers/blkfront.h"
#include "kernel/sync.h"
#include "lib/libc/fd.h"
#include "lib/libc/vfs.h"
#include "lib/libc/vfs_fs.h"

struct blkfd {
	struct mutex lock; /* pos and bounce, for threads sharing the fd */
	struct blkdev *dev;
	const struct blkdev_info *info;
	uint64_t size; /* bytes */
	off_t pos;
	int flags; /* open's O_* */
	char *bounce; /* one sector */
};

static bool can_read(const struct blkfd *f)
{
	return (f->flags & O_ACCMODE) != O_WRONLY;
}

static bool can_write(const struct blkfd *f)
{
	return (f->flags & O_ACCMODE) != O_RDONLY;
}

/* The unaligned piece of one sector, through the bounce sector. */
static int partial(struct blkfd *f, uint64_t sector, size_t in, char *buf,
		   size_t n, bool write)
{
	int rc = blkdev_read_sync(f->dev, sector, f->bounce, 1);

	if (rc < 0)
		return rc;
	if (!write) {
		memcpy(buf, f->bounce + in, n);
		return 0;
	}
	memcpy(f->bounce + in, buf, n);
	return blkdev_write_sync(f->dev, sector, f->bounce, 1);
}

/* len bytes at off, within the disk: a count, or an errno if none went. */
static ssize_t transfer(struct blkfd *f, char *buf, size_t len, uint64_t off,
			bool write)
{
	size_t ss = f->info->sector_size, done = 0;
	int rc = 0;

	mutex_lock(&f->lock);
	while (done < len && !rc) {
		uint64_t pos = off + done, sector = pos / ss;
		size_t in = (size_t)(pos % ss), left = len - done, n;

		if (!in && left >= ss) {
			n = left / ss;
			rc = write ? blkdev_write_sync(f->dev, sector,
						       buf + done, n) :
				     blkdev_read_sync(f->dev, sector,
						      buf + done, n);
			n *= ss;
		} else {
			n = ss - in < left ? ss - in : left;
			rc = partial(f, sector, in, buf + done, n, write);
		}
		if (!rc)
			done += n;
	}
	mutex_unlock(&f->lock);
	return done ? (ssize_t)done : rc;
}

static ssize_t blk_pread(void *priv, void *buf, size_t len, off_t off)
{
	struct blkfd *f = priv;

	if (!can_read(f))
		return -EBADF;
	if (off < 0)
		return -EINVAL;
	if ((uint64_t)off >= f->size || !len)
		return 0;
	if (len > f->size - (uint64_t)off)
		len = (size_t)(f->size - (uint64_t)off);
	return transfer(f, buf, len, (uint64_t)off, false);
}

static ssize_t blk_pwrite(void *priv, const void *buf, size_t len, off_t off)
{
	struct blkfd *f = priv;

	if (!can_write(f))
		return -EBADF;
	if (off < 0)
		return -EINVAL;
	if (f->info->read_only)
		return -EROFS;
	if (!len)
		return 0;
	if ((uint64_t)off >= f->size)
		return -ENOSPC;
	if (len > f->size - (uint64_t)off)
		len = (size_t)(f->size - (uint64_t)off);
	/* transfer only reads buf when writing. */
	return transfer(f, (char *)buf, len, (uint64_t)off, true);
}

static ssize_t blk_read(void *priv, void *buf, size_t len)
{
	struct blkfd *f = priv;
	ssize_t n = blk_pread(f, buf, len, f->pos);

	if (n > 0)
		f->pos += n;
	return n;
}

static ssize_t blk_write(void *priv, const void *buf, size_t len)
{
	struct blkfd *f = priv;
	ssize_t n = blk_pwrite(f, buf, len, f->pos);

	if (n > 0)
		f->pos += n;
	return n;
}

static off_t blk_lseek(void *priv, off_t offset, int whence)
{
	struct blkfd *f = priv;
	off_t base = whence == SEEK_SET ? 0 :
		     whence == SEEK_CUR ? f->pos :
		     whence == SEEK_END ? (off_t)f->size :
					  -1;

	if (base < 0 || (offset < 0 && -offset > base))
		return -EINVAL;
	f->pos = base + offset;
	return f->pos;
}

static void fill_stat(const struct blkdev_info *info, unsigned int index,
		      struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_mode = S_IFBLK | (info->read_only ? 0440 : 0660);
	st->st_nlink = 1;
	/* Linux's numbers for xvd disks: major 202, 16 minors each. */
	st->st_rdev = (dev_t)((202 << 8) | (index << 4));
	st->st_ino = index + 1;
	st->st_size = (off_t)(info->sectors * info->sector_size);
	st->st_blksize = (blksize_t)info->sector_size;
	st->st_blocks = (blkcnt_t)(st->st_size / 512);
}

static int disk_index(const char *name)
{
	for (unsigned int i = 0;; i++) {
		struct blkdev *d = blkdev_get(i);

		if (!d)
			return -ENOENT;
		if (!strcmp(blkdev_info(d)->name, name))
			return (int)i;
	}
}

static int blk_fstat(void *priv, struct stat *st)
{
	struct blkfd *f = priv;
	int index = disk_index(f->info->name);

	fill_stat(f->info, index < 0 ? 0 : (unsigned int)index, st);
	return 0;
}

static int blk_close(void *priv)
{
	struct blkfd *f = priv;

	free(f->bounce);
	free(f);
	return 0;
}

static int blk_fsync(void *priv)
{
	struct blkfd *f = priv;

	return blkdev_flush_sync(f->dev);
}

static int blk_ftruncate(void *priv, off_t length)
{
	(void)priv;
	(void)length;
	return -EINVAL;
}

static int blk_poll(void *priv)
{
	(void)priv;
	return FD_READY_IN | FD_READY_OUT;
}

static int blk_get_flags(void *priv)
{
	return ((struct blkfd *)priv)->flags;
}

static int blk_set_flags(void *priv, int flags)
{
	struct blkfd *f = priv;

	f->flags = (f->flags & O_ACCMODE) | (flags & ~O_ACCMODE);
	return 0;
}

static const struct file_ctl_ops blkfd_ops = {
	.ops = { .read = blk_read,
		 .write = blk_write,
		 .lseek = blk_lseek,
		 .fstat = blk_fstat,
		 .close = blk_close,
		 .has_ctl = 1 },
	.poll = blk_poll,
	.get_flags = blk_get_flags,
	.set_flags = blk_set_flags,
	.pread = blk_pread,
	.pwrite = blk_pwrite,
	.fsync = blk_fsync,
	.ftruncate = blk_ftruncate,
};

/* ---- /dev: the disks by name ---- */

static int dev_open(void *fs, const char *path, int flags, mode_t mode,
		    const struct file_ops **ops, void **priv)
{
	struct blkdev *dev;
	struct blkfd *f;

	(void)fs;
	(void)mode;
	if (!*path)
		return -EISDIR;
	dev = blkdev_find(path);
	if (!dev)
		return (flags & O_CREAT) ? -EROFS : -ENOENT;
	if ((flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL))
		return -EEXIST;
	f = calloc(1, sizeof(*f));
	if (!f)
		return -ENOMEM;
	f->info = blkdev_info(dev);
	f->bounce = malloc(f->info->sector_size);
	if (!f->bounce) {
		free(f);
		return -ENOMEM;
	}
	mutex_init(&f->lock);
	f->dev = dev;
	f->size = f->info->sectors * f->info->sector_size;
	f->flags = flags & ~(O_CREAT | O_EXCL | O_TRUNC);
	*ops = &blkfd_ops.ops;
	*priv = f;
	return 0;
}

static int dev_stat(void *fs, const char *path, struct stat *st)
{
	int index;

	(void)fs;
	if (!*path) {
		memset(st, 0, sizeof(*st));
		st->st_mode = S_IFDIR | 0755;
		st->st_nlink = 2;
		return 0;
	}
	index = disk_index(path);
	if (index < 0)
		return index;
	fill_stat(blkdev_info(blkdev_get((unsigned int)index)),
		  (unsigned int)index, st);
	return 0;
}

static int dev_opendir(void *fs, const char *path, void **dir)
{
	unsigned int *next;

	(void)fs;
	if (*path)
		return disk_index(path) < 0 ? -ENOENT : -ENOTDIR;
	next = calloc(1, sizeof(*next));
	if (!next)
		return -ENOMEM;
	*dir = next;
	return 0;
}

static int dev_readdir(void *fs, void *dir, struct vfs_dirent *ent)
{
	unsigned int *next = dir;
	struct blkdev *d = blkdev_get(*next);

	(void)fs;
	if (!d)
		return 0;
	memset(ent, 0, sizeof(*ent));
	ent->ino = ++*next;
	ent->type = DT_BLK;
	strncpy(ent->name, blkdev_info(d)->name, sizeof(ent->name) - 1);
	return 1;
}

static void dev_closedir(void *fs, void *dir)
{
	(void)fs;
	free(dir);
}

static int dev_unmount(void *fs)
{
	(void)fs;
	blkfront_shutdown();
	return 0;
}

const struct vfs_ops blkdev_vfs_ops = {
	.open = dev_open,
	.stat = dev_stat,
	.opendir = dev_opendir,
	.readdir = dev_readdir,
	.closedir = dev_closedir,
	.unmount = dev_unmount,
};
