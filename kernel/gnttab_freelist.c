/*
 * Grant reference free list (see gnttab_freelist.h).
 *
 * The free refs form a LIFO singly-linked list threaded through next[]:
 * a ref just put back is handed out next, while its cache lines are warm.
 * A ref that is not free holds GNTTAB_FREELIST_INUSE instead of a link, so
 * put() spots double frees in O(1). Refs never exceed INUSE - 1, so a link
 * cannot be mistaken for either marker.
 */
#include "kernel/gnttab_freelist.h"

#include "kernel/lib/errno.h"

static void push(struct gnttab_freelist *fl, uint32_t ref)
{
	fl->next[ref] = fl->head;
	fl->head = ref;
	fl->nr_free++;
}

/* Bring refs [capacity, to) into existence; reserved ones stay in use. */
static void extend(struct gnttab_freelist *fl, uint32_t to)
{
	uint32_t ref;

	/* Pushed downwards, so the lowest new ref ends up at the head. */
	for (ref = to; ref > fl->capacity; ref--) {
		if (ref - 1 < fl->reserved)
			fl->next[ref - 1] = GNTTAB_FREELIST_INUSE;
		else
			push(fl, ref - 1);
	}
	fl->capacity = to;
}

int gnttab_freelist_init(struct gnttab_freelist *fl, uint32_t *storage,
			 uint32_t max_capacity, uint32_t capacity,
			 uint32_t reserved)
{
	if (!storage || !max_capacity || max_capacity > GNTTAB_FREELIST_INUSE ||
	    capacity > max_capacity || reserved >= max_capacity)
		return -EINVAL;
	fl->next = storage;
	fl->capacity = 0;
	fl->max_capacity = max_capacity;
	fl->head = GNTTAB_FREELIST_END;
	fl->nr_free = 0;
	fl->reserved = reserved;
	extend(fl, capacity);
	return 0;
}

int gnttab_freelist_grow(struct gnttab_freelist *fl, uint32_t new_capacity)
{
	if (new_capacity < fl->capacity || new_capacity > fl->max_capacity)
		return -EINVAL;
	extend(fl, new_capacity);
	return 0;
}

int gnttab_freelist_move(struct gnttab_freelist *fl, uint32_t *storage,
			 uint32_t max_capacity)
{
	if (!storage || max_capacity < fl->capacity ||
	    max_capacity > GNTTAB_FREELIST_INUSE)
		return -EINVAL;
	for (uint32_t i = 0; i < fl->capacity; i++)
		storage[i] = fl->next[i];
	fl->next = storage;
	fl->max_capacity = max_capacity;
	return 0;
}

long gnttab_freelist_get(struct gnttab_freelist *fl)
{
	uint32_t ref = fl->head;

	if (ref == GNTTAB_FREELIST_END)
		return -ENOSPC;
	fl->head = fl->next[ref];
	fl->next[ref] = GNTTAB_FREELIST_INUSE;
	fl->nr_free--;
	return (long)ref;
}

int gnttab_freelist_put(struct gnttab_freelist *fl, uint32_t ref)
{
	if (ref < fl->reserved || ref >= fl->capacity ||
	    fl->next[ref] != GNTTAB_FREELIST_INUSE)
		return -EINVAL;
	push(fl, ref);
	return 0;
}

uint32_t gnttab_freelist_nr_free(const struct gnttab_freelist *fl)
{
	return fl->nr_free;
}
