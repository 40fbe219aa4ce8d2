/*
 * Boot-time glue for the page allocator: the bitmap lives in pages taken
 * from the boot bump allocator, and everything after the boot
 * structures (and the bitmap itself) is released as free memory.
 */
#include "arch/layout.h"
#include "arch/page.h"
#include "kernel/lib/errno.h"
#include "kernel/lib/string.h"
#include "kernel/mm/mm.h"
#include "kernel/mm/page_alloc.h"
#include "kernel/panic.h"

static struct page_alloc page_allocator;
static unsigned long total_pages, heap_base_pfn;

int mm_init(struct arch_memory *mem)
{
	size_t bytes = page_alloc_bitmap_bytes(mem->nr_pages);
	unsigned long bitmap_pages = (bytes + PAGE_SIZE - 1) >> PAGE_SHIFT;
	uint64_t *bitmap = pfn_to_virt(mem->first_free_pfn);

	if (mem->first_free_pfn + bitmap_pages >= mem->nr_pages)
		return -ENOMEM;
	for (unsigned long i = 0; i < bitmap_pages; i++)
		arch_mm_boot_alloc_pfn(mem);
	memset(bitmap, 0, bitmap_pages << PAGE_SHIFT);
	page_alloc_init(&page_allocator, bitmap, mem->nr_pages);
	total_pages = mem->nr_pages;
	heap_base_pfn = mem->first_free_pfn;
	return page_alloc_release_range(&page_allocator, mem->first_free_pfn,
					mem->nr_pages - mem->first_free_pfn);
}

void *alloc_pages(unsigned long count)
{
	/* From the top: the libc heap grows up from the bottom. */
	long pfn = page_alloc_alloc_high(&page_allocator, count);
	void *va;

	if (pfn < 0)
		return NULL;
	va = pfn_to_virt((unsigned long)pfn);
	memset(va, 0, count << PAGE_SHIFT);
	return va;
}

void free_pages(void *va, unsigned long count)
{
	int rc = page_alloc_free(&page_allocator, virt_to_pfn(va), count);

	if (rc < 0)
		panic("free_pages(%p, %lu): %d (double or bad free)", va, count,
		      rc);
}

unsigned long mm_total_pages(void)
{
	return total_pages;
}

unsigned long mm_free_pages(void)
{
	return page_alloc_nr_free(&page_allocator);
}

unsigned long mm_heap_base_pfn(void)
{
	return heap_base_pfn;
}

int mm_claim_pages(unsigned long pfn, unsigned long count)
{
	return page_alloc_reserve_range(&page_allocator, pfn, count);
}

int mm_unclaim_pages(unsigned long pfn, unsigned long count)
{
	return page_alloc_free(&page_allocator, pfn, count);
}
