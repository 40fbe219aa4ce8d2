/*
 * Out of memory is an error, not a crash: malloc 64 KiB blocks, touching
 * every byte, until malloc returns NULL with errno ENOMEM; free them all;
 * then the same number of blocks must fit again (the heap is reused, its
 * pages went back and came back), and a small malloc still works.
 *
 * Output on success:
 *   oom: filling the heap with 64 KiB blocks
 *   oom: got N blocks (X MiB) before NULL
 *   oom: after free, reallocated N blocks
 *   oom: ok
 * and exit status 0; otherwise an "oom: FAILED ..." line and status 1.
 *
 * Off Petrel (a host build, to check the logic) the data segment is
 * capped with setrlimit so that malloc fails there too, and the block
 * array is smaller, so the test cannot eat the host's memory.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __petrel__
#define MAX_BLOCKS 65536 /* 4 GiB of blocks: far more than a guest has */
#else
#include <sys/resource.h>
#define MAX_BLOCKS 4096
#define HOST_DATA_LIMIT (128UL << 20)
#endif

#define BLOCK_SIZE (64 * 1024)
#define BLOCKS_PER_MIB ((1024 * 1024) / BLOCK_SIZE)

static unsigned char *blocks[MAX_BLOCKS];

static int fail(const char *what, size_t n)
{
	printf("oom: FAILED %s (%zu)\n", what, n);
	return 1;
}

static unsigned char fill_byte(size_t i)
{
	return (unsigned char)(i * 7 + 1);
}

/*
 * mallocs and fills blocks until malloc fails, at most max of them (0 for
 * no limit but the array); returns how many it got, *err is errno at the
 * failure (0 if it stopped at the limit).
 */
static size_t fill_heap(size_t max, int *err)
{
	size_t n = 0;

	if (!max || max > MAX_BLOCKS)
		max = MAX_BLOCKS;
	*err = 0;
	while (n < max) {
		unsigned char *p;

		errno = 0;
		p = malloc(BLOCK_SIZE);
		if (!p) {
			*err = errno;
			break;
		}
		memset(p, fill_byte(n), BLOCK_SIZE);
		blocks[n++] = p;
	}
	return n;
}

/* Every block still holds its own byte at both ends and in the middle:
 * no two blocks overlap. Returns the index of the first bad one, or n. */
static size_t first_bad_block(size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char want = fill_byte(i), *p = blocks[i];

		if (p[0] != want || p[BLOCK_SIZE / 2] != want ||
		    p[BLOCK_SIZE - 1] != want)
			return i;
	}
	return n;
}

static void free_all(size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(blocks[i]);
		blocks[i] = NULL;
	}
}

#ifndef __petrel__
static void cap_host_memory(void)
{
	struct rlimit lim = { HOST_DATA_LIMIT, HOST_DATA_LIMIT };

	if (setrlimit(RLIMIT_DATA, &lim) != 0)
		perror("oom: setrlimit");
}
#endif

int main(void)
{
	size_t n, again;
	int err;
	void *small;

#ifndef __petrel__
	cap_host_memory();
#endif
	/* The first output allocates stdio's buffer while there is memory. */
	printf("oom: filling the heap with %d KiB blocks\n", BLOCK_SIZE / 1024);

	n = fill_heap(0, &err);
	if (n == MAX_BLOCKS)
		return fail("block array full before malloc failed", n);
	if (err != ENOMEM) {
		free_all(n);
		return fail("malloc returned NULL without ENOMEM, errno", err);
	}
	if (n == 0)
		return fail("not a single block", n);
	if (first_bad_block(n) != n) {
		size_t bad = first_bad_block(n);

		free_all(n);
		return fail("block contents overwritten, block", bad);
	}
	free_all(n);
	/* Integer-only formats: printf of a double may itself malloc. */
	printf("oom: got %zu blocks (%zu MiB) before NULL\n", n,
	       n / BLOCKS_PER_MIB);

	again = fill_heap(n, &err);
	if (again != n) {
		free_all(again);
		printf("oom: FAILED after free, only reallocated %zu of %zu "
		       "blocks (errno %d)\n",
		       again, n, err);
		return 1;
	}
	if (first_bad_block(n) != n) {
		size_t bad = first_bad_block(n);

		free_all(n);
		return fail("block contents overwritten after refill, block",
			    bad);
	}
	free_all(n);
	printf("oom: after free, reallocated %zu blocks\n", n);

	small = malloc(100);
	if (!small)
		return fail("small malloc after freeing everything", 100);
	memset(small, 0x5a, 100);
	free(small);
	printf("oom: ok\n");
	return 0;
}
