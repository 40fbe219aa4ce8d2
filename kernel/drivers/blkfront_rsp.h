/*
 * Blkfront's requests on the ring, by id, and the judgement of each
 * response the backend gives back. The backend is not trusted: a
 * response must name an id we have outstanding, for the operation we
 * asked, and its status decides the caller's result. Pure logic, no
 * kernel services, so the unit tests can feed it hostile responses.
 */
#ifndef KERNEL_DRIVERS_BLKFRONT_RSP_H
#define KERNEL_DRIVERS_BLKFRONT_RSP_H

#include <stdint.h>

/* The largest ring blkfront uses: 8 pages of 32 slots. */
#define BLKFRONT_MAX_IDS 256

#define BLKFRONT_ID_FREE 0xff

struct blkfront_ids {
	unsigned int size; /* ids are 0..size-1 */
	unsigned int nr_free;
	uint16_t free[BLKFRONT_MAX_IDS]; /* a stack of free ids */
	uint8_t op[BLKFRONT_MAX_IDS]; /* BLKIF_OP_* outstanding, or FREE */
};

enum blkfront_verdict {
	BLKFRONT_RSP_DONE, /* the request ended; *err is its result */
	BLKFRONT_RSP_BAD_ID, /* no such request outstanding (or a repeat) */
	BLKFRONT_RSP_BAD_OP, /* the request had another operation */
};

void blkfront_ids_init(struct blkfront_ids *ids, unsigned int size);

/* A free id now outstanding for op (BLKIF_OP_READ, _WRITE,
 * _WRITE_BARRIER or _FLUSH_DISKCACHE), or -1 when none is free or op is
 * not one of those. */
int blkfront_ids_get(struct blkfront_ids *ids, uint8_t op);

/* How many ids are outstanding. */
unsigned int blkfront_ids_busy(const struct blkfront_ids *ids);

/*
 * Judge a response (id, operation and status as read once from the
 * ring). DONE frees the id and sets *err: 0 for success, -EOPNOTSUPP
 * when the backend refused the operation, -EIO for an error or any
 * status it has no business sending. Anything else leaves every id as
 * it was.
 */
enum blkfront_verdict blkfront_rsp_check(struct blkfront_ids *ids, uint64_t id,
					 uint8_t op, int16_t status, int *err);

#endif
