/*
 * Raw disks through file descriptors (/dev/xvdX), checked end to end:
 *
 *   blk pattern DEV...   write a pattern over each whole disk in pieces
 *                        of 1 MiB - 1 bytes (so every piece boundary is
 *                        inside a sector: read-modify-write), fsync,
 *                        read it all back in pieces of 1 MiB + 7 and
 *                        compare, then print the disk's sha256 (the
 *                        host checks its file has the same)
 *   blk readonly DEV     a read-only disk: writes fail with EROFS, reads
 *                        work; print the disk's sha256
 *   blk hotplug DEV      write a pattern over the disk, say so in xenstore
 *                        (data/blk-written), then read its head every
 *                        100 ms with the file left open: while dom0 has
 *                        the disk detached reads fail with EIO, and once
 *                        it is attached again they give the same bytes;
 *                        after two such rounds, write a second pattern
 *                        and read it all back (sha256 for the host)
 *   blk --wait KEY ...   first wait (up to 60 s) for the xenstore key
 *                        KEY, which a dom0 script writes once it has
 *                        changed what the backend offers
 *
 * Also checked on the way: fstat (a block device, its size), lseek to
 * the end, reading at the end (0), writing there (ENOSPC).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <petrel/thread.h>
#include <petrel/xenstore.h>
#include "sha256.h"

#define WRITE_PIECE ((1 << 20) - 1)
#define READ_PIECE ((1 << 20) + 7)

static int failures;

#define CHECK(cond, ...)                                   \
	do {                                               \
		if (!(cond)) {                             \
			printf("blk: FAIL: " __VA_ARGS__); \
			printf(" (errno %d)\n", errno);    \
			failures++;                        \
		}                                          \
	} while (0)

/* The pattern's byte at a disk offset: depends on the offset and seed,
 * so a piece written to the wrong place or twice is caught. */
static unsigned char pattern(uint64_t off, unsigned int seed)
{
	uint64_t x = (off >> 3) * 0x9e3779b97f4a7c15ull + seed;

	x ^= x >> 29;
	return (unsigned char)(x >> (8 * (off & 7)));
}

static void fill(unsigned char *buf, size_t n, uint64_t off, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = pattern(off + i, seed);
}

static int open_disk(const char *dev, int flags, off_t *size)
{
	struct stat st;
	int fd = open(dev, flags);

	CHECK(fd >= 0, "open %s", dev);
	if (fd < 0)
		return -1;
	CHECK(fstat(fd, &st) == 0 && S_ISBLK(st.st_mode),
	      "fstat %s: not a block device", dev);
	*size = st.st_size;
	CHECK(lseek(fd, 0, SEEK_END) == *size, "lseek %s to the end", dev);
	CHECK(lseek(fd, 0, SEEK_SET) == 0, "lseek %s to 0", dev);
	printf("blk: %s is a block device of %lld bytes\n", dev,
	       (long long)*size);
	return fd;
}

static void print_sha(const char *dev, off_t size, struct sha256 *h)
{
	unsigned char d[32];

	sha256_final(h, d);
	printf("blk: %s sha256 ", dev);
	for (int i = 0; i < 32; i++)
		printf("%02x", d[i]);
	printf(" of %lld bytes\n", (long long)size);
}

static void write_all(int fd, const char *dev, off_t size, unsigned seed,
		      unsigned char *buf)
{
	for (off_t off = 0; off < size;) {
		size_t n = size - off < WRITE_PIECE ? (size_t)(size - off) :
						      WRITE_PIECE;
		ssize_t w;

		fill(buf, n, (uint64_t)off, seed);
		w = write(fd, buf, n);
		CHECK(w == (ssize_t)n, "write %s at %lld: %zd", dev,
		      (long long)off, w);
		if (w <= 0)
			return;
		off += w;
	}
	CHECK(write(fd, buf, 1) == -1 && errno == ENOSPC,
	      "write at the end of %s: not ENOSPC", dev);
	CHECK(fsync(fd) == 0, "fsync %s", dev);
}

/* Read it all back through pread (the offset stays put) and compare. */
static void verify_all(int fd, const char *dev, off_t size, unsigned seed,
		       unsigned char *buf, unsigned char *want)
{
	struct sha256 h;
	off_t off = 0;

	sha256_init(&h);
	while (off < size) {
		size_t n = size - off < READ_PIECE ? (size_t)(size - off) :
						     READ_PIECE;
		ssize_t r = pread(fd, buf, n, off);

		CHECK(r == (ssize_t)n, "pread %s at %lld: %zd", dev,
		      (long long)off, r);
		if (r <= 0)
			return;
		fill(want, (size_t)r, (uint64_t)off, seed);
		if (memcmp(buf, want, (size_t)r)) {
			CHECK(0, "%s differs in the %zd bytes at %lld", dev, r,
			      (long long)off);
			return;
		}
		sha256_update(&h, buf, (size_t)r);
		off += r;
	}
	CHECK(pread(fd, buf, 16, size) == 0, "pread at the end of %s", dev);
	printf("blk: %s verified %lld bytes\n", dev, (long long)size);
	print_sha(dev, size, &h);
}

static void pattern_test(const char *dev, unsigned seed, unsigned char *buf,
			 unsigned char *want)
{
	off_t size;
	int fd = open_disk(dev, O_RDWR, &size);

	if (fd < 0)
		return;
	write_all(fd, dev, size, seed, buf);
	verify_all(fd, dev, size, seed, buf, want);
	CHECK(close(fd) == 0, "close %s", dev);
}

static void readonly_test(const char *dev, unsigned char *buf)
{
	struct sha256 h;
	off_t size, off;
	int fd = open_disk(dev, O_RDWR, &size);

	if (fd < 0)
		return;
	errno = 0;
	CHECK(write(fd, "x", 1) == -1 && errno == EROFS,
	      "write to read-only %s: not EROFS", dev);
	CHECK(pwrite(fd, buf, 4096, 8192) == -1 && errno == EROFS,
	      "pwrite to read-only %s: not EROFS", dev);
	printf("blk: %s write: %s\n", dev, strerror(EROFS));
	sha256_init(&h);
	for (off = 0; off < size;) {
		ssize_t r = read(fd, buf, READ_PIECE);

		CHECK(r > 0, "read %s at %lld", dev, (long long)off);
		if (r <= 0)
			return;
		sha256_update(&h, buf, (size_t)r);
		off += r;
	}
	print_sha(dev, size, &h);
	close(fd);
}

#define HOTPLUG_ROUNDS 2
#define HEAD_BYTES 65536

/* One read of the disk's head: 1 it is back with the pattern, 0 gone
 * (EIO), -1 anything else (a failure). */
static int read_head(int fd, const char *dev, unsigned char *buf,
		     unsigned char *want)
{
	ssize_t r = pread(fd, buf, HEAD_BYTES, 0);

	if (r < 0 && errno == EIO)
		return 0;
	CHECK(r == HEAD_BYTES, "pread %s head: %zd", dev, r);
	if (r != HEAD_BYTES)
		return -1;
	fill(want, HEAD_BYTES, 0, 1);
	CHECK(!memcmp(buf, want, HEAD_BYTES), "%s head differs", dev);
	return memcmp(buf, want, HEAD_BYTES) ? -1 : 1;
}

/* Watch the disk go and come back HOTPLUG_ROUNDS times (3 minutes at
 * most); returns how many times it came back. */
static int follow_rounds(int fd, const char *dev, unsigned char *buf,
			 unsigned char *want)
{
	int up = 1, rounds = 0, v;

	for (int i = 0; i < 1800 && rounds < HOTPLUG_ROUNDS; i++) {
		v = read_head(fd, dev, buf, want);
		if (v < 0)
			return rounds;
		if (v != up)
			printf("blk: %s %s (round %d)\n", dev,
			       v ? "is back, its data intact" :
				   "is gone: reads fail with EIO",
			       rounds + 1);
		rounds += v && !up;
		up = v;
		petrel_sleep_ns(100 * 1000 * 1000);
	}
	return rounds;
}

static void hotplug_test(const char *dev, unsigned char *buf,
			 unsigned char *want)
{
	off_t size;
	int fd = open_disk(dev, O_RDWR, &size);

	if (fd < 0)
		return;
	write_all(fd, dev, size, 1, buf);
	CHECK(petrel_xenstore_write("data/blk-written", "1") == 0,
	      "xenstore write");
	CHECK(follow_rounds(fd, dev, buf, want) == HOTPLUG_ROUNDS,
	      "%s did not go and come back %d times", dev, HOTPLUG_ROUNDS);
	CHECK(lseek(fd, 0, SEEK_SET) == 0, "lseek %s to 0", dev);
	write_all(fd, dev, size, 2, buf);
	verify_all(fd, dev, size, 2, buf, want);
	CHECK(close(fd) == 0, "close %s", dev);
}

/* The disks come up on first use, so they connect after this. */
static int wait_key(const char *key)
{
	char v[16];

	for (int i = 0; i < 600; i++) {
		if (petrel_xenstore_read(key, v, sizeof(v)) >= 0)
			return 0;
		petrel_sleep_ns(100 * 1000 * 1000);
	}
	printf("blk: FAIL: no xenstore %s after 60 s\n", key);
	return -1;
}

int main(int argc, char **argv)
{
	unsigned char *buf = malloc(READ_PIECE), *want = malloc(READ_PIECE);

	if (argc > 2 && !strcmp(argv[1], "--wait")) {
		if (wait_key(argv[2]) < 0)
			return 1;
		argc -= 2;
		argv += 2;
	}
	if (argc < 3 || !buf || !want) {
		fprintf(stderr, "usage: blk pattern|readonly|hotplug DEV...\n");
		return 2;
	}
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[1], "pattern"))
			pattern_test(argv[i], (unsigned)i, buf, want);
		else if (!strcmp(argv[1], "hotplug"))
			hotplug_test(argv[i], buf, want);
		else
			readonly_test(argv[i], buf);
	}
	printf("blk: %s, %d failure(s)\n", failures ? "FAILED" : "done",
	       failures);
	return failures ? 1 : 0;
}
