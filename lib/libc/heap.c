/*
 * _sbrk: newlib's malloc heap. It grows upward from the lowest free
 * page, claiming pages as the break passes them, while the kernel takes
 * its pages from the top; so malloc can use all memory the kernel does
 * not, and fails with ENOMEM (not a crash) when the two meet.
 */
#include <errno.h>
#include <stdint.h>
#include "arch/layout.h"
#include "kernel/mm/mm.h"
#include "lib/libc/errno.h"

static uintptr_t heap_start, heap_break, heap_claimed_end;

static uintptr_t page_up(uintptr_t addr)
{
	return (addr + PAGE_SIZE - 1) & ~(uintptr_t)(PAGE_SIZE - 1);
}

void *sbrk(ptrdiff_t incr)
{
	uintptr_t old = heap_break, new_break, want;

	if (!heap_start) {
		heap_start = mm_heap_base_pfn() << PAGE_SHIFT;
		heap_break = heap_claimed_end = old = heap_start;
	}
	new_break = old + (uintptr_t)incr;
	if ((incr > 0 && new_break < old) ||
	    (incr < 0 && new_break < heap_start))
		goto nomem;
	want = page_up(new_break);
	if (want > heap_claimed_end) {
		if (mm_claim_pages(heap_claimed_end >> PAGE_SHIFT,
				   (want - heap_claimed_end) >> PAGE_SHIFT) < 0)
			goto nomem;
		heap_claimed_end = want;
	} else if (want < heap_claimed_end) {
		mm_unclaim_pages(want >> PAGE_SHIFT,
				 (heap_claimed_end - want) >> PAGE_SHIFT);
		heap_claimed_end = want;
	}
	heap_break = new_break;
	return (void *)old;
nomem:
	libc_set_errno(ENOMEM);
	return (void *)-1;
}

__typeof__(sbrk) _sbrk __attribute__((alias("sbrk")));
