/*
 * Bitmap physical page allocator (see page_alloc.h).
 *
 * Searches go a 64-bit word at a time, so skipping full or empty stretches
 * is cheap. Allocation is first fit from a roving hint (just past the last
 * allocation), wrapping to the start once. Bits past nr_pages in the last
 * word stay set forever, so searches for free pages never see them.
 */
#include "kernel/mm/page_alloc.h"

#include <stdbool.h>

#include "kernel/lib/errno.h"

#define WORD_BITS 64UL

static unsigned long nr_words(unsigned long nr_pages)
{
	return nr_pages / WORD_BITS + (nr_pages % WORD_BITS != 0);
}

/* Our own popcount: __builtin_popcountll may call into libgcc. */
static unsigned int popcount64(uint64_t w)
{
	w = w - ((w >> 1) & 0x5555555555555555ULL);
	w = (w & 0x3333333333333333ULL) + ((w >> 2) & 0x3333333333333333ULL);
	w = (w + (w >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
	return (unsigned int)((w * 0x0101010101010101ULL) >> 56);
}

/* Bits [lo, hi) of a word, 0 <= lo < hi <= 64. */
static uint64_t word_mask(unsigned long lo, unsigned long hi)
{
	uint64_t m = ~0ULL << lo;

	if (hi < WORD_BITS)
		m &= ~(~0ULL << hi);
	return m;
}

static bool range_ok(const struct page_alloc *pa, unsigned long pfn,
		     unsigned long count)
{
	return pfn <= pa->nr_pages && count <= pa->nr_pages - pfn;
}

/* First pfn in [from, to) that is used (or free, if !used); else to. */
static unsigned long find_bit(const struct page_alloc *pa, unsigned long from,
			      unsigned long to, bool used)
{
	while (from < to) {
		unsigned long i = from / WORD_BITS;
		uint64_t w = used ? pa->bitmap[i] : ~pa->bitmap[i];

		w &= ~0ULL << (from % WORD_BITS);
		if (w) {
			unsigned long pfn = i * WORD_BITS + __builtin_ctzll(w);

			return pfn < to ? pfn : to;
		}
		from = (i + 1) * WORD_BITS;
	}
	return to;
}

/* Last pfn in [from, to) that is used (or free, if !used); else to. */
static unsigned long find_bit_reverse(const struct page_alloc *pa,
				      unsigned long from, unsigned long to,
				      bool used)
{
	unsigned long end = to;

	while (end > from) {
		unsigned long i = (end - 1) / WORD_BITS;
		uint64_t w = used ? pa->bitmap[i] : ~pa->bitmap[i];
		unsigned int top = (end - 1) % WORD_BITS;

		if (top < WORD_BITS - 1)
			w &= (1ULL << (top + 1)) - 1;
		if (w) {
			unsigned long pfn = i * WORD_BITS + 63 -
					    __builtin_clzll(w);

			return pfn >= from ? pfn : to;
		}
		end = i * WORD_BITS;
	}
	return to;
}

/* Set or clear [pfn, pfn + count); returns how many bits changed. */
static unsigned long update_range(struct page_alloc *pa, unsigned long pfn,
				  unsigned long count, bool used)
{
	unsigned long end = pfn + count, changed = 0;

	while (pfn < end) {
		unsigned long i = pfn / WORD_BITS, base = i * WORD_BITS;
		unsigned long hi = end - base < WORD_BITS ? end - base :
							    WORD_BITS;
		uint64_t m = word_mask(pfn - base, hi);
		uint64_t old = pa->bitmap[i];

		pa->bitmap[i] = used ? old | m : old & ~m;
		changed += popcount64(used ? ~old & m : old & m);
		pfn = base + hi;
	}
	return changed;
}

size_t page_alloc_bitmap_bytes(unsigned long nr_pages)
{
	return nr_words(nr_pages) * sizeof(uint64_t);
}

void page_alloc_init(struct page_alloc *pa, uint64_t *bitmap,
		     unsigned long nr_pages)
{
	unsigned long i;

	for (i = 0; i < nr_words(nr_pages); i++)
		bitmap[i] = ~0ULL;
	pa->bitmap = bitmap;
	pa->nr_pages = nr_pages;
	pa->nr_free = 0;
	pa->hint = 0;
}

int page_alloc_release_range(struct page_alloc *pa, unsigned long pfn,
			     unsigned long count)
{
	if (!range_ok(pa, pfn, count))
		return -EINVAL;
	/* Releasing an already free page is harmless here, so count changes. */
	pa->nr_free += update_range(pa, pfn, count, false);
	return 0;
}

int page_alloc_reserve_range(struct page_alloc *pa, unsigned long pfn,
			     unsigned long count)
{
	unsigned long end = pfn + count;

	if (!range_ok(pa, pfn, count))
		return -EINVAL;
	if (find_bit(pa, pfn, end, true) != end)
		return -EBUSY;
	update_range(pa, pfn, count, true);
	pa->nr_free -= count;
	return 0;
}

/* Round pfn up to align; false if that leaves no room for count pages. */
static bool align_up(const struct page_alloc *pa, unsigned long *pfn,
		     unsigned long count, unsigned long align)
{
	unsigned long rem = *pfn & (align - 1);

	if (rem) {
		if (align - rem > pa->nr_pages - *pfn)
			return false;
		*pfn += align - rem;
	}
	return count <= pa->nr_pages - *pfn;
}

/* Lowest aligned start in [from, limit) of count free pages. */
static bool search(const struct page_alloc *pa, unsigned long from,
		   unsigned long limit, unsigned long count,
		   unsigned long align, unsigned long *out)
{
	unsigned long pfn = from, used;

	for (;;) {
		pfn = find_bit(pa, pfn, limit, false);
		if (pfn >= limit || !align_up(pa, &pfn, count, align) ||
		    pfn >= limit)
			return false;
		used = find_bit(pa, pfn, pfn + count, true);
		if (used == pfn + count) {
			*out = pfn;
			return true;
		}
		pfn = used + 1;
	}
}

long page_alloc_alloc(struct page_alloc *pa, unsigned long count,
		      unsigned long align)
{
	unsigned long hint = pa->hint < pa->nr_pages ? pa->hint : 0;
	unsigned long pfn;

	if (!count || (align & (align - 1)))
		return -EINVAL;
	if (!align)
		align = 1;
	if (count > pa->nr_free)
		return -ENOMEM;
	/* Runs starting before the hint are only tried after wrapping. */
	if (!search(pa, hint, pa->nr_pages, count, align, &pfn) &&
	    !(hint && search(pa, 0, hint, count, align, &pfn)))
		return -ENOMEM;

	update_range(pa, pfn, count, true);
	pa->nr_free -= count;
	pa->hint = pfn + count;
	return (long)pfn;
}

int page_alloc_free(struct page_alloc *pa, unsigned long pfn,
		    unsigned long count)
{
	unsigned long end = pfn + count;

	if (!range_ok(pa, pfn, count))
		return -EINVAL;
	/* A page already free means a double free: refuse the whole call. */
	if (find_bit(pa, pfn, end, false) != end)
		return -EINVAL;
	update_range(pa, pfn, count, false);
	pa->nr_free += count;
	return 0;
}

long page_alloc_alloc_high(struct page_alloc *pa, unsigned long count)
{
	unsigned long end = pa->nr_pages;

	if (!count)
		return -EINVAL;
	if (count > pa->nr_free)
		return -ENOMEM;
	/* Highest free page below end, then check the run ending there. */
	while (end >= count) {
		unsigned long last = find_bit_reverse(pa, 0, end, false);
		unsigned long start, used;

		if (last == end || last + 1 < count)
			break;
		start = last + 1 - count;
		used = find_bit_reverse(pa, start, last + 1, true);
		if (used == last + 1) {
			update_range(pa, start, count, true);
			pa->nr_free -= count;
			return (long)start;
		}
		end = used;
	}
	return -ENOMEM;
}

unsigned long page_alloc_nr_free(const struct page_alloc *pa)
{
	return pa->nr_free;
}
