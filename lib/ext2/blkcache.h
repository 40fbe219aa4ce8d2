/* The io_manager's block cache (blkcache.c): write-through, read-ahead. */
#ifndef LIB_EXT2_BLKCACHE_H
#define LIB_EXT2_BLKCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BLKCACHE_SLOTS 32
/*
 * Blocks read on a miss (at most): one request for 8 blocks. (It was
 * off for a while: 8 read wrong data through blkfront in the testbed,
 * which was blkfront filling only the first page of a multi-page
 * request, fixed in 89910f8.)
 */
#define BLKCACHE_AHEAD 8

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
