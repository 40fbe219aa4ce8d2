/*
 * Physical page allocator: one bit per page frame (1 = in use), storage
 * provided by the caller. Pure logic with no locking; the memory subsystem
 * wraps it and serialises calls.
 */
#ifndef PETREL_KERNEL_MM_PAGE_ALLOC_H
#define PETREL_KERNEL_MM_PAGE_ALLOC_H

#include <stddef.h>
#include <stdint.h>

struct page_alloc {
	uint64_t *bitmap;
	unsigned long nr_pages;
	unsigned long nr_free;
	unsigned long hint; /* where the next first-fit search starts */
};

/* Bytes of bitmap storage needed for nr_pages (whole 64-bit words). */
size_t page_alloc_bitmap_bytes(unsigned long nr_pages);

/* All pages start as used; release the usable RAM afterwards. */
void page_alloc_init(struct page_alloc *pa, uint64_t *bitmap,
		     unsigned long nr_pages);

/* Mark pages free (boot-time); -EINVAL if out of range. */
int page_alloc_release_range(struct page_alloc *pa, unsigned long pfn,
			     unsigned long count);

/* Mark pages used (boot-time); -EINVAL out of range, -EBUSY if any is used. */
int page_alloc_reserve_range(struct page_alloc *pa, unsigned long pfn,
			     unsigned long count);

/*
 * Allocate count contiguous pages whose first pfn is a multiple of align
 * (a power of two; 0 or 1 means no constraint). Returns the first pfn,
 * -ENOMEM if no such run is free, -EINVAL for count 0 or a bad align.
 */
long page_alloc_alloc(struct page_alloc *pa, unsigned long count,
		      unsigned long align);

/* Free pages; -EINVAL, changing nothing, if out of range or any is free. */
int page_alloc_free(struct page_alloc *pa, unsigned long pfn,
		    unsigned long count);

/*
 * As page_alloc_alloc, but the highest-addressed free run (no alignment):
 * the kernel allocates from the top so the libc heap can grow upward
 * from the bottom, and memory fills from both ends.
 */
long page_alloc_alloc_high(struct page_alloc *pa, unsigned long count);

unsigned long page_alloc_nr_free(const struct page_alloc *pa);

#endif /* PETREL_KERNEL_MM_PAGE_ALLOC_H */
