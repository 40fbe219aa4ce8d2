/*
 * Small-object allocator: power-of-two size classes (16 bytes to 2 KiB),
 * each carving whole pages into equal objects. Pure logic over a page
 * source the caller provides, with no locking (kernel/mm/kmalloc.c wraps
 * it for the kernel), so it is unit-tested on the host.
 */
#ifndef PETREL_KERNEL_MM_SLAB_H
#define PETREL_KERNEL_MM_SLAB_H

#include <stddef.h>
#include "kernel/wait_list.h"

#define SLAB_PAGE_SIZE 4096
#define SLAB_MIN_SHIFT 4
#define SLAB_MAX_SHIFT 11
#define SLAB_CLASSES (SLAB_MAX_SHIFT - SLAB_MIN_SHIFT + 1)
#define SLAB_MAX_SIZE (1UL << SLAB_MAX_SHIFT)

/* Where pages come from: page-aligned, SLAB_PAGE_SIZE bytes each. */
struct slab_page_source {
	void *(*alloc)(void);
	void (*free)(void *page);
};

struct slab_class {
	size_t size;
	struct list_head partial; /* pages with at least one free object */
};

struct slab {
	const struct slab_page_source *pages;
	struct slab_class classes[SLAB_CLASSES];
	unsigned long nr_pages; /* pages held, for accounting */
};

void slab_init(struct slab *s, const struct slab_page_source *pages);

/*
 * A zeroed object of at least size bytes (1..SLAB_MAX_SIZE), aligned to
 * its class size (at most 16). NULL for a size out of range or when the
 * page source is empty.
 */
void *slab_alloc(struct slab *s, size_t size);

/*
 * Give an object back. Returns 0, or -EINVAL (changing nothing) for a
 * pointer that is not a live object of this allocator: misaligned within
 * its page, or already free. A page whose objects are all free goes back
 * to the source unless it is its class's only partial page.
 */
int slab_free(struct slab *s, void *obj);

/* Give every page with no live object back to the source. */
void slab_shrink(struct slab *s);

#endif
