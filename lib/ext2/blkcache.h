/* The io_manager's block cache (blkcache.c): write-through, read-ahead. */
#ifndef LIB_EXT2_BLKCACHE_H
#define LIB_EXT2_BLKCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BLKCACHE_SLOTS 32
/*
 * Blocks read on a miss (at most). 8 reads wrong data through blkfront
 * in the testbed (block-bitmap checksums fail at mount; the same code
 * natively, ext4-native, is right): multi-page requests are suspect.
 * Off until that is understood; with 1 the ext4-tree test passes.
 */
#define BLKCACHE_AHEAD 1

struct blkcache_slot {
	uint64_t block;
	bool valid;
	unsigned char *data; /* block_size bytes, kept across reuse */
};

struct blkcache {
	size_t block_size;
	int next; /* the slot the next new block takes */
	struct blkcache_slot slot[BLKCACHE_SLOTS];
};

void blkcache_init(struct blkcache *c);
void blkcache_free(struct blkcache *c);
void blkcache_clear(struct blkcache *c);
/* A new size empties the cache (its blocks are numbered in that size). */
void blkcache_set_block_size(struct blkcache *c, size_t size);
bool blkcache_get(struct blkcache *c, uint64_t block, void *buf);
void blkcache_put(struct blkcache *c, uint64_t block, const void *buf);
void blkcache_written(struct blkcache *c, uint64_t first, size_t count,
		      const void *buf);

#endif
