/*
 * Telling an ext2/3/4 disk by its superblock's magic number, without
 * libext2fs: the ext2 mount checks it before opening the disk, and the
 * mount table uses it to say why an image built without ext2 support
 * cannot mount a disk (lib/libc/vfs_boot.c).
 */
#include <stdlib.h>
#include "kernel/drivers/blkfront.h"
#include "lib/libc/vfs_fs.h"

#define SUPERBLOCK_BYTE 1024
#define MAGIC_BYTE (SUPERBLOCK_BYTE + 56)
#define EXT2_MAGIC 0xef53

bool disk_is_ext2(struct blkdev *dev)
{
	const struct blkdev_info *info = blkdev_info(dev);
	size_t ss = info->sector_size;
	size_t count = (MAGIC_BYTE + 2 + ss - 1) / ss;
	unsigned char *buf = malloc(count * ss);
	bool found = false;

	if (buf && info->sectors >= count &&
	    blkdev_read_sync(dev, 0, buf, count) == 0)
		found = (buf[MAGIC_BYTE] | buf[MAGIC_BYTE + 1] << 8) ==
			EXT2_MAGIC;
	free(buf);
	return found;
}
