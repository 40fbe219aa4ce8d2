/*
 * The kernel's page allocator: one page_alloc over all guest memory,
 * with pages addressed through the linear map.
 */
#ifndef KERNEL_MM_H
#define KERNEL_MM_H

#include <stddef.h>
#include "arch/mm.h"

int mm_init(struct arch_memory *mem);

/* Allocate count contiguous zeroed pages; NULL when out of memory. */
void *alloc_pages(unsigned long count);
void free_pages(void *va, unsigned long count);

/*
 * The libc heap: contiguous pages claimed upward from the lowest free
 * pfn, while alloc_pages takes pages from the top. mm_claim_pages is
 * -EBUSY when a page in the range is already taken.
 */
unsigned long mm_heap_base_pfn(void);
int mm_claim_pages(unsigned long pfn, unsigned long count);
int mm_unclaim_pages(unsigned long pfn, unsigned long count);

unsigned long mm_total_pages(void);
unsigned long mm_free_pages(void);

#endif
