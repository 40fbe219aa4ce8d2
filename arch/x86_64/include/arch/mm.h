/*
 * Memory services the kernel needs from the platform: the boot bump
 * allocator, guard pages, guest frame numbers and grant-table frames.
 */
#ifndef ARCH_MM_H
#define ARCH_MM_H

#include <stdint.h>

struct arch_memory {
	unsigned long nr_pages; /* pages in the linear map */
	unsigned long first_free_pfn; /* first pfn after boot structures */
};

/* Take one page from the boot bump allocator (before page_alloc runs). */
unsigned long arch_mm_boot_alloc_pfn(struct arch_memory *mem);

/* Make [va, va + PAGE_SIZE) inaccessible, e.g. a stack guard page. */
int arch_unmap_page(unsigned long va);

/*
 * Guest frame numbers are what hypercalls and grant entries name: for a
 * PV guest they are machine frames, for PVH guest-physical frames.
 */
unsigned long arch_virt_to_gfn(const void *va);

/*
 * Grow the grant table from `from` to `to` frames and map the new ones
 * at MAP_WINDOW_BASE + i * PAGE_SIZE; -ENOSPC past MAP_WINDOW_PAGES.
 */
int arch_grant_frames_map(unsigned int from, unsigned int to);

#endif
