/*
 * blkbench: raw-disk benchmark, the same source built with petrel-cc and
 * natively for the Linux PV domU that bench/blk.py compares Petrel with.
 *
 *   blkbench [-s MIB] [-n OPS] [-r RUNS] DEV
 *
 * Over the first MIB MiB of DEV (default 64), each of RUNS runs (default
 * 5) measures, one request at a time:
 *   - sequential write in 1 MiB requests, then fsync (timed together);
 *   - sequential read in 1 MiB requests;
 *   - OPS random 4 KiB reads (default 1000) at 4 KiB-aligned offsets;
 *   - OPS random 4 KiB writes, then fsync (timed together).
 * Only the I/O calls are timed. Every byte read is checked against the
 * pattern that was written (the random writes' blocks are read back
 * after the timed part), so a wrong result cannot pass as a fast one.
 * On Linux the disk is opened O_DIRECT so the page cache does not
 * flatter it; Petrel has no cache on raw disks.
 *
 * Prints per run: "blkbench: run R seqwrite_MBps W seqread_MBps R
 * randread_IOPS X randwrite_IOPS Y", then "blkbench: verified N bytes"
 * and "blkbench: done, F failures"; exits 1 on any failure.
 */
#define _GNU_SOURCE /* O_DIRECT */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MIB (1u << 20)
#define BLOCK 4096u

#ifdef __linux__
#define OPEN_FLAGS (O_RDWR | O_DIRECT)
#else
#define OPEN_FLAGS O_RDWR
#endif

struct bench {
	int fd;
	uint64_t region; /* bytes */
	unsigned int ops;
	unsigned char *buf; /* 1 MiB, aligned for O_DIRECT */
	uint64_t verified;
	int failures;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The pattern's 8-byte word at a disk offset (a multiple of 8): depends on
 * the offset and the seed, so a block in the wrong place or stale fails. */
static uint64_t pattern(uint64_t off, uint64_t seed)
{
	uint64_t x = (off + 1) * 0x9e3779b97f4a7c15ull ^ seed;

	x ^= x >> 31;
	x *= 0xbf58476d1ce4e5b9ull;
	return x ^ (x >> 29);
}

static void fill(unsigned char *buf, size_t n, uint64_t off, uint64_t seed)
{
	for (size_t i = 0; i < n; i += 8) {
		uint64_t w = pattern(off + i, seed);

		memcpy(buf + i, &w, 8);
	}
}

static void verify(struct bench *b, size_t n, uint64_t off, uint64_t seed)
{
	for (size_t i = 0; i < n; i += 8) {
		uint64_t w = pattern(off + i, seed);

		if (memcmp(b->buf + i, &w, 8)) {
			printf("blkbench: FAIL: wrong data at offset %llu\n",
			       (unsigned long long)(off + i));
			b->failures++;
			return;
		}
	}
	b->verified += n;
}

/* One whole request at off; a short or failed one counts as a failure. */
static int io(struct bench *b, int write, size_t n, uint64_t off)
{
	ssize_t got = write ? pwrite(b->fd, b->buf, n, (off_t)off) :
			      pread(b->fd, b->buf, n, (off_t)off);

	if (got == (ssize_t)n)
		return 0;
	printf("blkbench: FAIL: %s of %zu bytes at %llu: %zd (%s)\n",
	       write ? "write" : "read", n, (unsigned long long)off, got,
	       got < 0 ? strerror(errno) : "short");
	b->failures++;
	return -1;
}

static int sync_disk(struct bench *b)
{
	if (!fsync(b->fd))
		return 0;
	printf("blkbench: FAIL: fsync: %s\n", strerror(errno));
	b->failures++;
	return -1;
}

/* Sequential write then read of the region; MB/s of each. */
static void sequential(struct bench *b, uint64_t seed, double *wr, double *rd)
{
	double busy = 0, t;

	for (uint64_t off = 0; off < b->region; off += MIB) {
		fill(b->buf, MIB, off, seed);
		t = now();
		if (io(b, 1, MIB, off))
			return;
		busy += now() - t;
	}
	t = now();
	if (sync_disk(b))
		return;
	busy += now() - t;
	*wr = (double)b->region / busy / 1e6;
	busy = 0;
	for (uint64_t off = 0; off < b->region; off += MIB) {
		t = now();
		if (io(b, 0, MIB, off))
			return;
		busy += now() - t;
		verify(b, MIB, off, seed);
	}
	*rd = (double)b->region / busy / 1e6;
}

/* xorshift64: the same offsets on every system. */
static uint64_t next_block(uint64_t *state, uint64_t blocks)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return *state % blocks;
}

/* Random 4 KiB reads of the region as sequential() left it (seed). */
static double random_reads(struct bench *b, uint64_t seed, uint64_t rng)
{
	uint64_t blocks = b->region / BLOCK;
	double busy = 0, t;

	for (unsigned int i = 0; i < b->ops; i++) {
		uint64_t off = next_block(&rng, blocks) * BLOCK;

		t = now();
		if (io(b, 0, BLOCK, off))
			return 0;
		busy += now() - t;
		verify(b, BLOCK, off, seed);
	}
	return b->ops / busy;
}

/* Random 4 KiB writes of a new pattern (seed2), fsync included in the
 * time; then the written blocks are read back and checked (untimed). */
static double random_writes(struct bench *b, uint64_t seed2, uint64_t rng)
{
	uint64_t blocks = b->region / BLOCK, start = rng;
	double busy = 0, t, iops;

	for (unsigned int i = 0; i < b->ops; i++) {
		uint64_t off = next_block(&rng, blocks) * BLOCK;

		fill(b->buf, BLOCK, off, seed2);
		t = now();
		if (io(b, 1, BLOCK, off))
			return 0;
		busy += now() - t;
	}
	t = now();
	if (sync_disk(b))
		return 0;
	busy += now() - t;
	iops = b->ops / busy;
	rng = start;
	for (unsigned int i = 0; i < b->ops; i++) {
		uint64_t off = next_block(&rng, blocks) * BLOCK;

		if (io(b, 0, BLOCK, off))
			return 0;
		verify(b, BLOCK, off, seed2);
	}
	return iops;
}

static void run(struct bench *b, unsigned int r)
{
	uint64_t seed = 0x5eed0000ull + 2 * r, rng = 0x9e3779b9ull + r;
	double wr = 0, rd = 0, rr, rw;

	sequential(b, seed, &wr, &rd);
	rr = random_reads(b, seed, rng);
	rw = random_writes(b, seed + 1, rng * 3);
	printf("blkbench: run %u seqwrite_MBps %.2f seqread_MBps %.2f "
	       "randread_IOPS %.1f randwrite_IOPS %.1f\n",
	       r, wr, rd, rr, rw);
	fflush(stdout);
}

static int open_disk(struct bench *b, const char *dev)
{
	off_t size;

	b->fd = open(dev, OPEN_FLAGS);
	if (b->fd < 0) {
		printf("blkbench: %s: %s\n", dev, strerror(errno));
		return -1;
	}
	size = lseek(b->fd, 0, SEEK_END);
	if (size < 0 || (uint64_t)size < b->region) {
		printf("blkbench: %s: %lld bytes, smaller than the region of "
		       "%llu\n",
		       dev, (long long)size, (unsigned long long)b->region);
		return -1;
	}
	return 0;
}

static void usage(void)
{
	printf("usage: blkbench [-s MIB] [-n OPS] [-r RUNS] DEV\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct bench b = { .region = 64ull * MIB, .ops = 1000 };
	unsigned int runs = 5;
	void *buf;
	int opt;

	while ((opt = getopt(argc, argv, "s:n:r:")) != -1) {
		if (opt == 's')
			b.region = strtoull(optarg, NULL, 0) * MIB;
		else if (opt == 'n')
			b.ops = (unsigned int)strtoul(optarg, NULL, 0);
		else if (opt == 'r')
			runs = (unsigned int)strtoul(optarg, NULL, 0);
		else
			usage();
	}
	if (optind != argc - 1 || !b.region || !b.ops || !runs)
		usage();
	if (posix_memalign(&buf, BLOCK, MIB)) {
		printf("blkbench: out of memory\n");
		return 1;
	}
	b.buf = buf;
	if (open_disk(&b, argv[optind]))
		return 1;
	printf("blkbench: %s, region %llu MiB, %u random ops, %u runs\n",
	       argv[optind], (unsigned long long)(b.region / MIB), b.ops, runs);
	for (unsigned int r = 1; r <= runs && !b.failures; r++)
		run(&b, r);
	close(b.fd);
	printf("blkbench: verified %llu bytes\n",
	       (unsigned long long)b.verified);
	printf("blkbench: done, %d failures\n", b.failures);
	return b.failures ? 1 : 0;
}
