/*
 * libext2fs's io_manager over the block API (kernel/drivers/blkfront.h):
 * a channel named "xvdb" reads and writes that disk. libext2fs speaks in
 * blocks of the channel's block size (a negative count means bytes);
 * the disk in sectors of 512 or 4096 bytes, so a range that does not
 * fall on sector boundaries goes through a bounce buffer. Single-block
 * reads go through a small write-through cache with read-ahead
 * (blkcache.c); each write reaches the disk before it returns, and
 * flush makes completed writes durable (libext2fs calls it at
 * ext2fs_flush/close).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "kernel/drivers/blkfront.h"
#include "kernel/printk.h"
#include "lib/ext2/blkcache.h"
#include "lib/ext2/ext2_priv.h"

struct blk_channel {
	struct blkdev *dev;
	uint32_t sector_size;
	uint64_t size; /* bytes */
	bool read_only;
	bool can_flush;
	struct blkcache cache;
};

static struct blk_channel *chan_of(io_channel io)
{
	return io->private_data;
}

/* A negative errno from the block API as libext2fs's error code. */
static errcode_t io_error(int err)
{
	return err < 0 ? (errcode_t)-err : 0;
}

static int sectors_rw(struct blk_channel *c, bool write, uint64_t sector,
		      void *buf, size_t count)
{
	int err = write ? blkdev_write_sync(c->dev, sector, buf, count) :
			  blkdev_read_sync(c->dev, sector, buf, count);

	if (err) /* the disk's failure, not the filesystem's: say so */
		printk("ext2: %s: %s of %zu sectors at %llu failed (error "
		       "%d)\n",
		       blkdev_info(c->dev)->name, write ? "write" : "read",
		       count, (unsigned long long)sector, -err);
	return err;
}

/*
 * The unaligned head or tail of a transfer: one sector through a bounce
 * buffer (read, patch, write back for a write).
 */
static int partial_rw(struct blk_channel *c, bool write, uint64_t offset,
		      void *buf, size_t len)
{
	uint64_t sector = offset / c->sector_size;
	size_t skip = offset % c->sector_size;
	unsigned char *bounce = malloc(c->sector_size);
	int err;

	if (!bounce)
		return -ENOMEM;
	err = sectors_rw(c, false, sector, bounce, 1);
	if (!err && write) {
		memcpy(bounce + skip, buf, len);
		err = sectors_rw(c, true, sector, bounce, 1);
	} else if (!err) {
		memcpy(buf, bounce + skip, len);
	}
	free(bounce);
	return err;
}

/* Move len bytes at byte offset, whatever their alignment. */
static int bytes_rw(struct blk_channel *c, bool write, uint64_t offset,
		    void *buf, size_t len)
{
	unsigned char *p = buf;
	int err = 0;

	if (offset > c->size || len > c->size - offset)
		return -EIO; /* libext2fs asked past the disk's end */
	if (write && c->read_only)
		return -EROFS;
	while (len && !err) {
		size_t skip = offset % c->sector_size;
		size_t chunk;

		if (skip || len < c->sector_size) {
			chunk = c->sector_size - skip;
			if (chunk > len)
				chunk = len;
			err = partial_rw(c, write, offset, p, chunk);
		} else {
			chunk = len - len % c->sector_size;
			err = sectors_rw(c, write, offset / c->sector_size, p,
					 chunk / c->sector_size);
		}
		offset += chunk;
		p += chunk;
		len -= chunk;
	}
	return err;
}

/*
 * One block, from the cache or read with its neighbours: a window of
 * BLKCACHE_AHEAD blocks that starts on a sector (so it needs no bounce
 * buffer) and holds the block.
 */
static int read_one(struct blk_channel *c, uint64_t block, size_t bs, void *buf)
{
	size_t per_sector = c->sector_size > bs ? c->sector_size / bs : 1;
	uint64_t first = block - block % per_sector;
	uint64_t total = c->size / bs;
	size_t n = BLKCACHE_AHEAD;
	unsigned char *ahead;
	int err;

	if (blkcache_get(&c->cache, block, buf))
		return 0;
	if (first >= total)
		return bytes_rw(c, false, block * bs, buf, bs); /* -EIO */
	if (total - first < n)
		n = (size_t)(total - first);
	ahead = block - first < n ? malloc(n * bs) : NULL;
	if (!ahead || bytes_rw(c, false, first * bs, ahead, n * bs)) {
		free(ahead);
		err = bytes_rw(c, false, block * bs, buf, bs);
		if (!err)
			blkcache_put(&c->cache, block, buf);
		return err;
	}
	for (size_t i = 0; i < n; i++)
		blkcache_put(&c->cache, first + i, ahead + i * bs);
	memcpy(buf, ahead + (block - first) * bs, bs);
	free(ahead);
	return 0;
}

static errcode_t blk_rw(io_channel io, bool write, unsigned long long block,
			int count, void *buf)
{
	struct blk_channel *c = chan_of(io);
	size_t bs = (size_t)io->block_size;
	int err;

	/* A block number from a corrupt filesystem must not wrap its byte
	 * offset round to a block that exists. */
	if (block > UINT64_MAX / bs)
		return EIO;
	if (count < 0) { /* -count bytes: around the cache */
		err = bytes_rw(c, write, block * bs, buf,
			       (size_t) - (long)count);
		if (write)
			blkcache_clear(&c->cache);
		return io_error(err);
	}
	if (!write && count == 1)
		return io_error(read_one(c, block, bs, buf));
	err = bytes_rw(c, write, block * bs, buf, (size_t)count * bs);
	if (write && err) /* the disk may hold part of it: trust no copy */
		blkcache_clear(&c->cache);
	else if (write)
		blkcache_written(&c->cache, block, (size_t)count, buf);
	return io_error(err);
}

static errcode_t blk_read64(io_channel io, unsigned long long block, int count,
			    void *buf)
{
	return blk_rw(io, false, block, count, buf);
}

static errcode_t blk_write64(io_channel io, unsigned long long block, int count,
			     const void *buf)
{
	return blk_rw(io, true, block, count, (void *)buf);
}

static errcode_t blk_read(io_channel io, unsigned long block, int count,
			  void *buf)
{
	return blk_read64(io, block, count, buf);
}

static errcode_t blk_write(io_channel io, unsigned long block, int count,
			   const void *buf)
{
	return blk_write64(io, block, count, buf);
}

static errcode_t blk_write_byte(io_channel io, unsigned long offset, int count,
				const void *buf)
{
	struct blk_channel *c = chan_of(io);

	if (count < 0)
		return EXT2_ET_INVALID_ARGUMENT;
	blkcache_clear(&c->cache);
	return io_error(bytes_rw(c, true, offset, (void *)buf, (size_t)count));
}

static errcode_t blk_flush(io_channel io)
{
	struct blk_channel *c = chan_of(io);
	int err;

	if (c->read_only || !c->can_flush)
		return 0; /* nothing written, or the backend cannot tell */
	err = blkdev_flush_sync(c->dev);
	if (err)
		printk("ext2: %s: flush failed (error %d)\n",
		       blkdev_info(c->dev)->name, -err);
	return io_error(err);
}

static errcode_t blk_set_blksize(io_channel io, int blksize)
{
	if (blksize <= 0)
		return EXT2_ET_INVALID_ARGUMENT;
	io->block_size = blksize;
	blkcache_set_block_size(&chan_of(io)->cache, (size_t)blksize);
	return 0;
}

static errcode_t blk_close(io_channel io)
{
	if (--io->refcount > 0)
		return 0;
	blkcache_free(&chan_of(io)->cache);
	free(io->private_data);
	free(io->name);
	free(io);
	return 0;
}

static errcode_t blk_open(const char *name, int flags, io_channel *out)
{
	struct blkdev *dev = blkdev_find(name);
	const struct blkdev_info *info;
	struct blk_channel *c;
	io_channel io;

	if (!dev)
		return ENODEV;
	info = blkdev_info(dev);
	if ((flags & IO_FLAG_RW) && info->read_only)
		return EROFS;
	io = calloc(1, sizeof(*io));
	c = calloc(1, sizeof(*c));
	if (io)
		io->name = strdup(name);
	if (!io || !c || !io->name) {
		if (io)
			free(io->name);
		free(io);
		free(c);
		return EXT2_ET_NO_MEMORY;
	}
	c->dev = dev;
	c->sector_size = info->sector_size;
	c->size = info->sectors * info->sector_size;
	c->read_only = !(flags & IO_FLAG_RW);
	c->can_flush = info->can_flush;
	blkcache_init(&c->cache);
	blkcache_set_block_size(&c->cache, 1024);
	io->magic = EXT2_ET_MAGIC_IO_CHANNEL;
	io->manager = ext2_blk_io_manager;
	io->block_size = 1024;
	io->refcount = 1;
	io->flags = CHANNEL_FLAGS_BLOCK_DEVICE;
	io->private_data = c;
	*out = io;
	return 0;
}

static struct struct_io_manager blk_io_manager = {
	.magic = EXT2_ET_MAGIC_IO_MANAGER,
	.name = "Petrel block device",
	.open = blk_open,
	.close = blk_close,
	.set_blksize = blk_set_blksize,
	.read_blk = blk_read,
	.write_blk = blk_write,
	.flush = blk_flush,
	.write_byte = blk_write_byte,
	.read_blk64 = blk_read64,
	.write_blk64 = blk_write64,
};

io_manager ext2_blk_io_manager = &blk_io_manager;
