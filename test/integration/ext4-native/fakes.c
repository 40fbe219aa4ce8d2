/*
 * What lib/ext2 needs from the kernel, for running it natively on the
 * host (ext4-native.sh): one disk, "xvdb", backed by the image file
 * $PETREL_EXT2_IMAGE with $PETREL_EXT2_SECTOR-byte sectors (512 by
 * default), flushed with fsync; a mutex that needs no threads; printk
 * on stderr. Requests past the disk's end fail with -EIO, as
 * blkfront's would.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "kernel/drivers/blkfront.h"
#include "kernel/printk.h"
#include "kernel/sync.h"

struct blkdev {
	int fd;
	struct blkdev_info info;
};

static struct blkdev disk = { .fd = -1 };

struct blkdev *blkdev_find(const char *name)
{
	const char *image = getenv("PETREL_EXT2_IMAGE");
	const char *sector = getenv("PETREL_EXT2_SECTOR");
	struct stat st;

	if (strncmp(name, "/dev/", 5) == 0)
		name += 5;
	if (strcmp(name, "xvdb") || !image)
		return NULL;
	if (disk.fd >= 0)
		return &disk;
	/* The shim interposes open(): ask the kernel directly. */
	disk.fd = (int)syscall(SYS_openat, AT_FDCWD, image, O_RDWR);
	if (disk.fd < 0 || syscall(SYS_fstat, disk.fd, &st) < 0)
		return NULL;
	strcpy(disk.info.name, "xvdb");
	disk.info.sector_size = sector ? (uint32_t)atoi(sector) : 512;
	disk.info.sectors = (uint64_t)st.st_size / disk.info.sector_size;
	disk.info.can_flush = true;
	return &disk;
}

const struct blkdev_info *blkdev_info(const struct blkdev *dev)
{
	return &dev->info;
}

static int disk_rw(struct blkdev *dev, bool write, uint64_t sector, void *buf,
		   size_t count)
{
	size_t len = count * dev->info.sector_size;
	off_t off = (off_t)(sector * dev->info.sector_size);
	long n;

	if (sector > dev->info.sectors || count > dev->info.sectors - sector)
		return -EIO;
	if (write)
		n = syscall(SYS_pwrite64, dev->fd, buf, len, off);
	else
		n = syscall(SYS_pread64, dev->fd, buf, len, off);
	return n == (long)len ? 0 : -EIO;
}

int blkdev_read_sync(struct blkdev *dev, uint64_t sector, void *buf,
		     size_t count)
{
	return disk_rw(dev, false, sector, buf, count);
}

int blkdev_write_sync(struct blkdev *dev, uint64_t sector, const void *buf,
		      size_t count)
{
	return disk_rw(dev, true, sector, (void *)buf, count);
}

int blkdev_flush_sync(struct blkdev *dev)
{
	return syscall(SYS_fsync, dev->fd) == 0 ? 0 : -EIO;
}

void mutex_init(struct mutex *m)
{
	m->owner = NULL;
}

void mutex_lock(struct mutex *m)
{
	if (m->owner)
		abort(); /* one thread: a second lock is a bug */
	m->owner = (struct thread *)m;
}

int mutex_unlock(struct mutex *m)
{
	if (!m->owner)
		abort();
	m->owner = NULL;
	return 0;
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}
