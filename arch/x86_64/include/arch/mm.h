/*
 * Page-table management for PV: protect the image by section, unmap
 * guard pages, and map all of guest memory linearly.
 */
#ifndef ARCH_MM_H
#define ARCH_MM_H

#include <stdint.h>

struct arch_memory {
	unsigned long nr_pages; /* all pseudo-physical pages */
	unsigned long first_free_pfn; /* first pfn after boot structures */
};

/* Set up final mappings; returns 0 or a negative errno. */
int arch_mm_init(struct arch_memory *mem);

/* Take one page from the boot bump allocator (before page_alloc runs). */
unsigned long arch_mm_boot_alloc_pfn(struct arch_memory *mem);

/* Make [va, va + PAGE_SIZE) inaccessible, e.g. a stack guard page. */
int arch_unmap_page(unsigned long va);

/* Map a machine frame at va, read-write, no execute. */
int arch_map_mfn(unsigned long va, unsigned long mfn);

/*
 * Guest frame numbers are what hypercalls and grant entries name: for a
 * PV guest they are machine frames.
 */
unsigned long arch_virt_to_gfn(const void *va);

#endif
