/*
 * Bookkeeping of free grant references for grant table v1: which refs the
 * driver may hand out. The hypercalls and grant frames live in the grant
 * table driver; this is pure logic with no locking (the driver serialises
 * calls).
 *
 * Refs below `reserved` are never handed out (Xen keeps the first
 * GNTTAB_NR_RESERVED_ENTRIES for the toolstack). The table can grow up to
 * max_capacity as the driver adds grant frames. next[] doubles as the free
 * list links and the per-ref in-use state, so every call but grow is O(1).
 */
#ifndef PETREL_KERNEL_GNTTAB_FREELIST_H
#define PETREL_KERNEL_GNTTAB_FREELIST_H

#include <stdint.h>

/* next[] of the last free ref; also head when none is free. */
#define GNTTAB_FREELIST_END 0xffffffffu
/* next[] of a ref that is handed out or reserved. */
#define GNTTAB_FREELIST_INUSE 0xfffffffeu

struct gnttab_freelist {
	uint32_t *next; /* max_capacity entries: free link or INUSE */
	uint32_t capacity; /* refs [0, capacity) exist */
	uint32_t max_capacity;
	uint32_t head; /* first free ref, or END */
	uint32_t nr_free;
	uint32_t reserved;
};

/*
 * Start with refs [reserved, capacity) free. storage holds max_capacity
 * entries. -EINVAL if storage is NULL, capacity > max_capacity, reserved
 * >= max_capacity, or max_capacity is 0 or too big for a ref to be told
 * apart from the markers.
 */
int gnttab_freelist_init(struct gnttab_freelist *fl, uint32_t *storage,
			 uint32_t max_capacity, uint32_t capacity,
			 uint32_t reserved);

/*
 * Make refs [capacity, new_capacity) exist and free them (except any still
 * below reserved). -EINVAL, changing nothing, if new_capacity is below the
 * current capacity or above max_capacity.
 */
int gnttab_freelist_grow(struct gnttab_freelist *fl, uint32_t new_capacity);

/* Hand out a free ref (lowest first on a fresh table); -ENOSPC if none. */
/*
 * Move the bookkeeping into new storage of max_capacity entries (at least
 * the current capacity), so the caller can start small and enlarge it;
 * -EINVAL if it would not fit. The old storage is the caller's again.
 */
int gnttab_freelist_move(struct gnttab_freelist *fl, uint32_t *storage,
			 uint32_t max_capacity);

long gnttab_freelist_get(struct gnttab_freelist *fl);

/*
 * Return ref to the free list. -EINVAL, changing nothing, if ref is
 * reserved, not below capacity, or already free (a double free).
 */
int gnttab_freelist_put(struct gnttab_freelist *fl, uint32_t ref);

uint32_t gnttab_freelist_nr_free(const struct gnttab_freelist *fl);

#endif /* PETREL_KERNEL_GNTTAB_FREELIST_H */
