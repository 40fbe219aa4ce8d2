/*
 * A small cache of disk blocks for the io_manager (blkio.c): libext2fs
 * reads one block per request (a file's data, inode-table and directory
 * blocks again and again), and each request is a trip to the backend.
 * Misses read ahead a few blocks, so sequential reads take one request
 * per BLKCACHE_AHEAD blocks. The cache is write-through (every write
 * reaches the disk before it returns, then updates the copies here), so
 * it never holds anything the disk does not.
 */
#include <stdlib.h>
#include <string.h>
#include "lib/ext2/blkcache.h"

void blkcache_init(struct blkcache *c)
{
	memset(c, 0, sizeof(*c));
}

/* Forget every block: the block size changed, or a byte write. */
void blkcache_clear(struct blkcache *c)
{
	for (int i = 0; i < BLKCACHE_SLOTS; i++)
		c->slot[i].valid = false;
}

void blkcache_free(struct blkcache *c)
{
	for (int i = 0; i < BLKCACHE_SLOTS; i++)
		free(c->slot[i].data);
	blkcache_init(c);
}

void blkcache_set_block_size(struct blkcache *c, size_t size)
{
	if (size == c->block_size)
		return;
	blkcache_free(c);
	c->block_size = size;
}

static struct blkcache_slot *find(struct blkcache *c, uint64_t block)
{
	for (int i = 0; i < BLKCACHE_SLOTS; i++)
		if (c->slot[i].valid && c->slot[i].block == block)
			return &c->slot[i];
	return NULL;
}

bool blkcache_get(struct blkcache *c, uint64_t block, void *buf)
{
	struct blkcache_slot *s = find(c, block);

	if (!s)
		return false;
	memcpy(buf, s->data, c->block_size);
	return true;
}

/* Keep a copy of block (round robin: the oldest filled slot goes). */
void blkcache_put(struct blkcache *c, uint64_t block, const void *buf)
{
	struct blkcache_slot *s = find(c, block);

	if (!s) {
		s = &c->slot[c->next];
		if (!s->data)
			s->data = malloc(c->block_size);
		if (!s->data)
			return; /* no memory: just do not cache */
		c->next = (c->next + 1) % BLKCACHE_SLOTS;
		s->block = block;
		s->valid = true;
	}
	memcpy(s->data, buf, c->block_size);
}

/* count blocks from first were written: refresh the copies held. */
void blkcache_written(struct blkcache *c, uint64_t first, size_t count,
		      const void *buf)
{
	const unsigned char *p = buf;

	for (int i = 0; i < BLKCACHE_SLOTS; i++) {
		struct blkcache_slot *s = &c->slot[i];

		if (s->valid && s->block >= first && s->block - first < count)
			memcpy(s->data, p + (s->block - first) * c->block_size,
			       c->block_size);
	}
}
