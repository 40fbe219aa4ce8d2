/* The kernel's slab (kernel/mm/slab.c) over the page allocator. */
#include "arch/irq.h"
#include "kernel/mm/kmalloc.h"
#include "kernel/mm/mm.h"
#include "kernel/mm/slab.h"
#include "kernel/panic.h"

static void *page_alloc_one(void)
{
	return alloc_pages(1);
}

static void page_free_one(void *page)
{
	free_pages(page, 1);
}

static const struct slab_page_source kernel_pages = {
	.alloc = page_alloc_one,
	.free = page_free_one,
};

static struct slab heap;
static int heap_ready;

void *kmalloc(size_t size)
{
	unsigned long flags = arch_irq_save();
	void *obj;

	if (!heap_ready) {
		slab_init(&heap, &kernel_pages);
		heap_ready = 1;
	}
	obj = slab_alloc(&heap, size);
	arch_irq_restore(flags);
	return obj;
}

void kfree(void *obj)
{
	unsigned long flags;
	int rc;

	if (!obj)
		return;
	flags = arch_irq_save();
	rc = slab_free(&heap, obj);
	arch_irq_restore(flags);
	if (rc < 0)
		panic("kfree of %p: not a live kmalloc object", obj);
}
