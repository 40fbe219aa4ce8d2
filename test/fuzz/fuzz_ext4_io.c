/*
 * Fuzzes the io_manager that plugs libext2fs onto the block API
 * (lib/ext2/blkio.c, its cache lib/ext2/blkcache.c, and the error
 * mapping lib/ext2/errmap.c), as libext2fs calls it, over a fake disk:
 * the input gives the disk (sector size, sectors, read-only, flush) and
 * which of its calls fail, with which error and after how many sectors
 * moved, then a script of channel operations (read_blk, write_blk,
 * read_blk64, write_blk64, write_byte with odd and negative counts and
 * block numbers past the end, flush, set_blksize, reopen). Asserts,
 * besides no sanitizer report:
 *  - the glue asks the disk only for whole sectors inside it;
 *  - a read that succeeds returns what the disk holds (so the cache
 *    never serves a stale block), a read changes nothing on disk;
 *  - a write that succeeds put exactly its bytes there, and no write
 *    changes a byte outside its range (a failed one leaves each byte
 *    of its range old or new);
 *  - the result is 0 when the disk did not fail and the range is the
 *    disk's; otherwise an errno the disk gave, EIO past the end, EROFS
 *    on a read-only channel, or EXT2_ET_INVALID_ARGUMENT for a count
 *    or size that cannot be; ext2_errno() gives the matching -errno.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include "kernel/drivers/blkfront.h"
#include "kernel/printk.h"
#include "lib/ext2/ext2_priv.h"
#include "fuzz.h"

#define MAX_DISK (256u * 1024) /* bytes */
#define MAX_XFER (128u * 1024) /* bytes one operation moves at most */
#define MAX_FAULTS 8

struct fault {
	uint8_t call, err, moved;
};

struct blkdev {
	struct blkdev_info info;
	uint8_t *data;
	unsigned int calls; /* made so far */
	struct fault faults[MAX_FAULTS];
	unsigned int nr_faults;
	int errs[4]; /* this operation's failures: disk errors seen */
	unsigned int nr_errs;
	bool write_failed; /* in this operation */
};

static struct blkdev disk;

static const int disk_errors[] = { -EIO,    -EIO,	 -EROFS,     -EINVAL,
				   -ENOSPC, -EOPNOTSUPP, -ETIMEDOUT, -ENODEV };

void printk(const char *fmt, ...)
{
	(void)fmt; /* the glue says what failed: not a finding */
}

struct blkdev *blkdev_find(const char *name)
{
	return strcmp(name, "xvdb") ? NULL : &disk;
}

const struct blkdev_info *blkdev_info(const struct blkdev *dev)
{
	return &dev->info;
}

/* This call's fate: 0, or the error after fault->moved sectors. */
static const struct fault *fate(struct blkdev *d)
{
	unsigned int call = d->calls++;

	for (unsigned int i = 0; i < d->nr_faults; i++)
		if (d->faults[i].call == call)
			return &d->faults[i];
	return NULL;
}

static int failed(struct blkdev *d, const struct fault *f, bool write)
{
	int err = disk_errors[f->err % 8];

	if (d->nr_errs < 4)
		d->errs[d->nr_errs++] = err;
	d->write_failed |= write;
	return err;
}

static int transfer(struct blkdev *d, bool write, uint64_t sector, void *buf,
		    size_t count)
{
	size_t ss = d->info.sector_size;
	const struct fault *f = fate(d);
	size_t moved = f ? f->moved % (count + 1) : count;

	/* The block API's contract, which the glue must keep. */
	FUZZ_CHECK(buf && count >= 1);
	FUZZ_CHECK(sector < d->info.sectors &&
		   count <= d->info.sectors - sector);
	FUZZ_CHECK(!write || !d->info.read_only);
	if (write)
		memcpy(d->data + sector * ss, buf, moved * ss);
	else
		memcpy(buf, d->data + sector * ss, moved * ss);
	return f ? failed(d, f, write) : 0;
}

int blkdev_read_sync(struct blkdev *dev, uint64_t sector, void *buf,
		     size_t count)
{
	return transfer(dev, false, sector, buf, count);
}

int blkdev_write_sync(struct blkdev *dev, uint64_t sector, const void *buf,
		      size_t count)
{
	return transfer(dev, true, sector, (void *)buf, count);
}

int blkdev_flush_sync(struct blkdev *dev)
{
	const struct fault *f = fate(dev);

	FUZZ_CHECK(dev->info.can_flush);
	return f ? failed(dev, f, false) : 0;
}

/* What one operation asks, and what it may answer. */
struct op {
	bool write, rw_channel, bad_arg, in_range;
	uint64_t offset;
	size_t len;
	const uint8_t *buf;
};

static bool disk_gave(errcode_t r)
{
	for (unsigned int i = 0; i < disk.nr_errs; i++)
		if (r == -disk.errs[i])
			return true;
	return false;
}

static void check_result(const struct op *op, errcode_t r)
{
	bool refused = op->write && !op->rw_channel;

	if (op->bad_arg) {
		FUZZ_CHECK(r == EXT2_ET_INVALID_ARGUMENT);
		FUZZ_CHECK(ext2_errno(r) == -EINVAL);
		return;
	}
	if (!r) {
		FUZZ_CHECK(op->in_range && !refused && !disk.write_failed);
		return;
	}
	FUZZ_CHECK(r > 0 && r < 256 && ext2_errno(r) == -(int)r);
	if (refused)
		FUZZ_CHECK(r == EROFS || (!op->in_range && r == EIO));
	else if (!op->in_range)
		FUZZ_CHECK(r == EIO);
	else
		FUZZ_CHECK(disk.nr_errs && disk_gave(r));
}

/* The disk against its copy from before the operation. */
FUZZ_NO_COVERAGE static void check_disk(const struct op *op,
					const uint8_t *before,
					const uint8_t *buf, errcode_t r)
{
	size_t size = disk.info.sectors * disk.info.sector_size;
	size_t start = op->write && op->in_range ? op->offset : size;
	size_t end = start == size ? size : start + op->len;

	FUZZ_CHECK(!memcmp(disk.data, before, start));
	FUZZ_CHECK(!memcmp(disk.data + end, before + end, size - end));
	if (start == size)
		return;
	if (!r) {
		FUZZ_CHECK(!memcmp(disk.data + start, buf, op->len));
		return;
	}
	for (size_t i = start; i < end; i++)
		FUZZ_CHECK(disk.data[i] == before[i] ||
			   disk.data[i] == buf[i - start]);
}

/* Bytes no earlier write left anywhere (stamp changes each time). */
FUZZ_NO_COVERAGE static void fill(uint8_t *buf, size_t len, uint8_t stamp)
{
	for (size_t i = 0; i < len; i++)
		buf[i] = (uint8_t)(stamp + i * 7 + (i >> 9));
}

struct harness {
	io_channel io;
	bool rw;
	int block_size;
	uint8_t stamp; /* each write's bytes differ from the last's */
	uint8_t before[MAX_DISK];
};

/* block * block_size, and whether [that, +len) is on the disk. */
static void place(struct op *op, const struct harness *h, uint64_t block,
		  size_t len)
{
	uint64_t size = disk.info.sectors * disk.info.sector_size;
	uint64_t bs = (uint64_t)h->block_size;

	op->len = len;
	op->in_range = block <= UINT64_MAX / bs;
	op->offset = block * bs;
	op->in_range = op->in_range && op->offset <= size &&
		       len <= size - op->offset;
}

static uint64_t fuzz_block(struct fuzz_input *in)
{
	uint8_t how = fuzz_u8(in);

	if (how < 0xf0) /* mostly near or just past the disk */
		return fuzz_u16(in) % (MAX_DISK / 512 + 64);
	return fuzz_u64(in);
}

static void block_op(struct harness *h, struct fuzz_input *in, uint8_t kind)
{
	bool write = kind & 1, wide = kind & 2;
	uint64_t block = fuzz_block(in);
	int count = (int16_t)fuzz_u16(in);
	struct op op = { .write = write, .rw_channel = h->rw };
	size_t len;
	uint8_t *buf;
	errcode_t r;

	if (count > 0)
		count %= 17; /* blocks: a few; negative: bytes */
	if (!wide)
		block = (unsigned long)block;
	len = count < 0 ? (size_t) - (long)count :
			  (size_t)count * (size_t)h->block_size;
	if (len > MAX_XFER)
		return;
	place(&op, h, block, len);
	buf = malloc(len ? len : 1); /* exactly: ASan sees any overrun */
	FUZZ_CHECK(buf);
	fill(buf, len, ++h->stamp);
	if (write)
		r = wide ? h->io->manager->write_blk64(h->io, block, count,
						       buf) :
			   io_channel_write_blk(h->io, (unsigned long)block,
						count, buf);
	else
		r = wide ? h->io->manager->read_blk64(h->io, block, count,
						      buf) :
			   io_channel_read_blk(h->io, (unsigned long)block,
					       count, buf);
	check_result(&op, r);
	check_disk(&op, h->before, buf, r);
	if (!write && !r)
		FUZZ_CHECK(!memcmp(buf, disk.data + op.offset, len));
	free(buf);
}

static void byte_op(struct harness *h, struct fuzz_input *in)
{
	uint32_t offset = fuzz_u32(in) % (MAX_DISK + 4096);
	int count = (int16_t)fuzz_u16(in);
	struct op op = { .write = true, .rw_channel = h->rw };
	uint8_t *buf;
	errcode_t r;

	if (fuzz_u8(in) == 0xff)
		offset = fuzz_u32(in) | 0x80000000u;
	op.bad_arg = count < 0;
	op.offset = offset;
	op.len = count < 0 ? 0 : (size_t)count;
	op.in_range =
		op.offset <= disk.info.sectors * disk.info.sector_size &&
		op.len <= disk.info.sectors * disk.info.sector_size - op.offset;
	buf = malloc(op.len ? op.len : 1);
	FUZZ_CHECK(buf);
	fill(buf, op.len, ++h->stamp);
	r = h->io->manager->write_byte(h->io, offset, count, buf);
	check_result(&op, r);
	if (!op.bad_arg)
		check_disk(&op, h->before, buf, r);
	else
		FUZZ_CHECK(!memcmp(disk.data, h->before,
				   disk.info.sectors * disk.info.sector_size));
	free(buf);
}

static void flush_op(struct harness *h)
{
	struct op op = { .in_range = true };
	errcode_t r = io_channel_flush(h->io);

	/* Nothing to flush on a read-only channel or a disk that cannot. */
	if (!h->rw || !disk.info.can_flush)
		FUZZ_CHECK(r == 0);
	check_result(&op, r);
}

static void set_blksize_op(struct harness *h, struct fuzz_input *in)
{
	static const int sizes[] = { 1024, 2048, 4096, 512, 65536,
				     1,	   3,	 1000, 0,   -1 };
	uint8_t pick = fuzz_u8(in);
	int size = pick < 0xf0 ? sizes[pick % 10] : (int16_t)fuzz_u16(in);
	struct op op = { .bad_arg = size <= 0, .in_range = true };
	errcode_t r = io_channel_set_blksize(h->io, size);

	check_result(&op, r);
	if (!r)
		h->block_size = size;
	FUZZ_CHECK(h->io->block_size == h->block_size);
}

static void open_channel(struct harness *h, bool rw)
{
	errcode_t r =
		ext2_blk_io_manager->open("xvdb", rw ? IO_FLAG_RW : 0, &h->io);

	if (rw && disk.info.read_only) {
		FUZZ_CHECK(r == EROFS);
		rw = false;
		r = ext2_blk_io_manager->open("xvdb", 0, &h->io);
	}
	FUZZ_CHECK(r == 0 && h->io && h->io->block_size == 1024);
	h->rw = rw;
	h->block_size = 1024;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = { data, size };
	static struct harness h;
	static uint8_t store[MAX_DISK], pristine[MAX_DISK];
	uint8_t flags = fuzz_u8(&in);
	io_channel none;

	disk = (struct blkdev){ .data = store };
	disk.info.sector_size = flags & 1 ? 4096 : 512;
	disk.info.sectors =
		fuzz_u16(&in) % (MAX_DISK / disk.info.sector_size) + 1;
	disk.info.read_only = flags & 2;
	disk.info.can_flush = flags & 4;
	strcpy(disk.info.name, "xvdb");
	disk.nr_faults = fuzz_u8(&in) % (MAX_FAULTS + 1);
	for (unsigned int i = 0; i < disk.nr_faults; i++)
		fuzz_take(&in, &disk.faults[i], sizeof(disk.faults[i]));
	if (!pristine[1])
		fill(pristine, MAX_DISK, 0);
	memcpy(store, pristine, disk.info.sectors * disk.info.sector_size);
	FUZZ_CHECK(ext2_blk_io_manager->open("xvda", 0, &none) == ENODEV);
	open_channel(&h, flags & 8);
	while (!fuzz_done(&in)) {
		uint8_t kind = fuzz_u8(&in) % 8;

		memcpy(h.before, store,
		       disk.info.sectors * disk.info.sector_size);
		disk.nr_errs = 0;
		disk.write_failed = false;
		if (kind < 4)
			block_op(&h, &in, kind);
		else if (kind == 4)
			byte_op(&h, &in);
		else if (kind == 5)
			flush_op(&h);
		else if (kind == 6)
			set_blksize_op(&h, &in);
		else {
			FUZZ_CHECK(io_channel_close(h.io) == 0);
			open_channel(&h, fuzz_u8(&in) & 1);
		}
	}
	FUZZ_CHECK(io_channel_close(h.io) == 0);
	return 0;
}
