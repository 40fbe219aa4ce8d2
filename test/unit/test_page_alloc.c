/*
 * Unit tests for kernel/mm/page_alloc.c: boot-time release/reserve,
 * alignment, contiguity, exhaustion, double-free detection, free-count
 * bookkeeping, and a randomized run against a simple reference model.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kernel/lib/errno.h"
#include "kernel/mm/page_alloc.h"

#define MAX_PAGES 1024

static uint64_t bitmap[MAX_PAGES / 64];
static struct page_alloc pa;

/* A fresh allocator with every page in [0, nr) released. */
static void setup_free(unsigned long nr)
{
	page_alloc_init(&pa, bitmap, nr);
	assert_int_equal(page_alloc_release_range(&pa, 0, nr), 0);
	assert_int_equal(page_alloc_nr_free(&pa), nr);
}

/* Whether every page of [pfn, pfn + count) is allocated, probed via free. */
static bool all_used(unsigned long pfn, unsigned long count)
{
	unsigned long before = page_alloc_nr_free(&pa);

	if (page_alloc_free(&pa, pfn, count))
		return false;
	/* Undo the probe. */
	assert_int_equal(page_alloc_reserve_range(&pa, pfn, count), 0);
	assert_int_equal(page_alloc_nr_free(&pa), before);
	return true;
}

static void test_bitmap_bytes(void **state)
{
	(void)state;
	assert_int_equal(page_alloc_bitmap_bytes(0), 0);
	assert_int_equal(page_alloc_bitmap_bytes(1), 8);
	assert_int_equal(page_alloc_bitmap_bytes(64), 8);
	assert_int_equal(page_alloc_bitmap_bytes(65), 16);
	assert_int_equal(page_alloc_bitmap_bytes(1 << 20), 1 << 17);
}

static void test_init_all_used(void **state)
{
	(void)state;
	memset(bitmap, 0, sizeof(bitmap));
	page_alloc_init(&pa, bitmap, 100);
	assert_int_equal(page_alloc_nr_free(&pa), 0);
	assert_int_equal(page_alloc_alloc(&pa, 1, 0), -ENOMEM);
	/* Every page is in use, so freeing any of them is legal. */
	assert_true(all_used(0, 100));
}

static void test_release_and_single_alloc(void **state)
{
	unsigned long i;

	(void)state;
	page_alloc_init(&pa, bitmap, 200);
	assert_int_equal(page_alloc_release_range(&pa, 10, 10), 0);
	assert_int_equal(page_alloc_nr_free(&pa), 10);
	for (i = 0; i < 10; i++) {
		assert_int_equal(page_alloc_alloc(&pa, 1, 0), 10 + i);
		assert_int_equal(page_alloc_nr_free(&pa), 9 - i);
	}
	assert_int_equal(page_alloc_alloc(&pa, 1, 1), -ENOMEM);
}

static void test_release_counts_once(void **state)
{
	(void)state;
	page_alloc_init(&pa, bitmap, 300);
	assert_int_equal(page_alloc_release_range(&pa, 0, 100), 0);
	/* Overlaps [50, 100): only the 100 new pages count. */
	assert_int_equal(page_alloc_release_range(&pa, 50, 150), 0);
	assert_int_equal(page_alloc_nr_free(&pa), 200);
	assert_int_equal(page_alloc_release_range(&pa, 0, 0), 0);
	assert_int_equal(page_alloc_nr_free(&pa), 200);
}

static void test_range_checks(void **state)
{
	(void)state;
	page_alloc_init(&pa, bitmap, 100);
	assert_int_equal(page_alloc_release_range(&pa, 90, 11), -EINVAL);
	assert_int_equal(page_alloc_release_range(&pa, 101, 0), -EINVAL);
	assert_int_equal(page_alloc_release_range(&pa, 1, ~0UL), -EINVAL);
	assert_int_equal(page_alloc_reserve_range(&pa, 99, 2), -EINVAL);
	assert_int_equal(page_alloc_free(&pa, 50, 51), -EINVAL);
	assert_int_equal(page_alloc_free(&pa, ~0UL, 2), -EINVAL);
	assert_int_equal(page_alloc_nr_free(&pa), 0);
	assert_int_equal(page_alloc_release_range(&pa, 90, 10), 0);
	assert_int_equal(page_alloc_nr_free(&pa), 10);
}

static void test_reserve(void **state)
{
	(void)state;
	page_alloc_init(&pa, bitmap, 256);
	assert_int_equal(page_alloc_reserve_range(&pa, 0, 1), -EBUSY);
	assert_int_equal(page_alloc_release_range(&pa, 0, 256), 0);
	assert_int_equal(page_alloc_reserve_range(&pa, 60, 10), 0);
	assert_int_equal(page_alloc_nr_free(&pa), 246);
	/* Partly overlapping a used range: refused, nothing changes. */
	assert_int_equal(page_alloc_reserve_range(&pa, 50, 11), -EBUSY);
	assert_int_equal(page_alloc_nr_free(&pa), 246);
	assert_int_equal(page_alloc_free(&pa, 50, 10), -EINVAL);
	/* The run below the hole is 60 pages, so 61 must skip past it. */
	assert_int_equal(page_alloc_alloc(&pa, 61, 0), 70);
	assert_true(all_used(60, 71));
}

static void test_contiguous_first_fit(void **state)
{
	(void)state;
	setup_free(300);
	assert_int_equal(page_alloc_reserve_range(&pa, 70, 1), 0);
	assert_int_equal(page_alloc_alloc(&pa, 100, 0), 71);
	assert_true(all_used(71, 100));
	assert_int_equal(page_alloc_nr_free(&pa), 199);
	/* Crossing word boundaries on both ends. */
	assert_int_equal(page_alloc_alloc(&pa, 129, 0), 171);
	assert_int_equal(page_alloc_alloc(&pa, 71, 0), -ENOMEM);
	assert_int_equal(page_alloc_alloc(&pa, 70, 0), 0);
	assert_int_equal(page_alloc_nr_free(&pa), 0);
}

static void test_alignment(void **state)
{
	long pfn;

	(void)state;
	page_alloc_init(&pa, bitmap, 1024);
	assert_int_equal(page_alloc_release_range(&pa, 3, 1000), 0);
	assert_int_equal(page_alloc_alloc(&pa, 1, 64), 64);
	pfn = page_alloc_alloc(&pa, 4, 16);
	assert_int_equal(pfn, 80);
	pfn = page_alloc_alloc(&pa, 300, 256);
	assert_int_equal(pfn, 256);
	/* First fit from the hint (556): the next 32-aligned start. */
	assert_int_equal(page_alloc_alloc(&pa, 32, 32), 576);
	assert_int_equal(page_alloc_alloc(&pa, 512, 512), -ENOMEM);
	assert_int_equal(page_alloc_alloc(&pa, 2, 3), -EINVAL);
	assert_int_equal(page_alloc_alloc(&pa, 0, 0), -EINVAL);
	/* The only 1024-aligned start, 0, is in use. */
	assert_int_equal(page_alloc_alloc(&pa, 64, 1024), -ENOMEM);
}

static void test_exhaustion_and_fragmentation(void **state)
{
	unsigned long i, before;

	(void)state;
	setup_free(128);
	assert_int_equal(page_alloc_alloc(&pa, 129, 0), -ENOMEM);
	for (i = 0; i < 128; i++)
		assert_int_equal(page_alloc_alloc(&pa, 1, 0), (long)i);
	assert_int_equal(page_alloc_alloc(&pa, 1, 0), -ENOMEM);
	/* Free every other page: 64 free, but no run of 2. */
	for (i = 0; i < 128; i += 2)
		assert_int_equal(page_alloc_free(&pa, i, 1), 0);
	before = page_alloc_nr_free(&pa);
	assert_int_equal(before, 64);
	assert_int_equal(page_alloc_alloc(&pa, 2, 0), -ENOMEM);
	assert_int_equal(page_alloc_nr_free(&pa), before);
	assert_true(all_used(1, 1));
}

static void test_double_free(void **state)
{
	long a, b;

	(void)state;
	setup_free(200);
	a = page_alloc_alloc(&pa, 4, 0);
	b = page_alloc_alloc(&pa, 2, 0);
	assert_int_equal(page_alloc_free(&pa, a, 4), 0);
	assert_int_equal(page_alloc_nr_free(&pa), 198);
	assert_int_equal(page_alloc_free(&pa, a, 4), -EINVAL);
	assert_int_equal(page_alloc_free(&pa, a + 3, 1), -EINVAL);
	assert_int_equal(page_alloc_nr_free(&pa), 198);
	/* b's pages plus free ones after it: refused, b stays allocated. */
	assert_int_equal(page_alloc_free(&pa, b, 5), -EINVAL);
	assert_int_equal(page_alloc_nr_free(&pa), 198);
	assert_true(all_used(b, 2));
	assert_int_equal(page_alloc_free(&pa, b, 2), 0);
	assert_int_equal(page_alloc_nr_free(&pa), 200);
}

static void test_hint_wraps(void **state)
{
	(void)state;
	setup_free(256);
	assert_int_equal(page_alloc_alloc(&pa, 250, 0), 0);
	assert_int_equal(page_alloc_free(&pa, 10, 5), 0);
	/* First fit starts at the hint (250), not at the lowest free page. */
	assert_int_equal(page_alloc_alloc(&pa, 5, 0), 250);
	/* Only page 255 is left above the hint: wrap around to 10. */
	assert_int_equal(page_alloc_alloc(&pa, 5, 0), 10);
	assert_int_equal(page_alloc_alloc(&pa, 1, 0), 255);
	assert_int_equal(page_alloc_nr_free(&pa), 0);
	assert_int_equal(page_alloc_alloc(&pa, 1, 0), -ENOMEM);
}

static void test_partial_last_word(void **state)
{
	unsigned long i;

	(void)state;
	setup_free(100);
	for (i = 0; i < 100; i++)
		assert_int_equal(page_alloc_alloc(&pa, 1, 0), (long)i);
	assert_int_equal(page_alloc_alloc(&pa, 1, 0), -ENOMEM);
	assert_int_equal(page_alloc_free(&pa, 0, 100), 0);
	assert_int_equal(page_alloc_alloc(&pa, 101, 0), -ENOMEM);
	assert_int_equal(page_alloc_alloc(&pa, 100, 0), 0);
	assert_int_equal(page_alloc_free(&pa, 0, 100), 0);
	assert_int_equal(page_alloc_alloc(&pa, 1, 0), 0);
	/* 64 + 37 would run past page 99 into the word's unused bits. */
	assert_int_equal(page_alloc_alloc(&pa, 37, 64), -ENOMEM);
	assert_int_equal(page_alloc_alloc(&pa, 36, 64), 64);
	assert_int_equal(page_alloc_nr_free(&pa), 63);
}

/* Reference model: used[] per page; checks every result against it. */
static bool model[MAX_PAGES];

static bool model_run_free(unsigned long pfn, unsigned long count)
{
	unsigned long i;

	for (i = pfn; i < pfn + count; i++) {
		if (model[i])
			return false;
	}
	return true;
}

static bool model_can_fit(unsigned long nr, unsigned long count,
			  unsigned long align)
{
	unsigned long pfn;

	for (pfn = 0; pfn + count <= nr; pfn += align) {
		if (model_run_free(pfn, count))
			return true;
	}
	return false;
}

static unsigned long model_nr_free(unsigned long nr)
{
	unsigned long i, n = 0;

	for (i = 0; i < nr; i++)
		n += !model[i];
	return n;
}

static void model_set(unsigned long pfn, unsigned long count, bool used)
{
	unsigned long i;

	for (i = pfn; i < pfn + count; i++)
		model[i] = used;
}

static void stress_alloc(unsigned long nr)
{
	unsigned long count = 1 + (unsigned long)rand() % (rand() % 4 ? 8 : 90);
	unsigned long align = rand() % 3 ? 1UL : 1UL << (rand() % 8);
	long pfn = page_alloc_alloc(&pa, count, align);

	if (pfn == -ENOMEM) {
		assert_false(model_can_fit(nr, count, align));
		return;
	}
	assert_true(pfn >= 0);
	assert_int_equal((unsigned long)pfn % align, 0);
	assert_true((unsigned long)pfn + count <= nr);
	assert_true(model_run_free((unsigned long)pfn, count));
	model_set((unsigned long)pfn, count, true);
}

static void stress_free(unsigned long nr)
{
	unsigned long pfn = (unsigned long)rand() % nr;
	unsigned long count = 1 + (unsigned long)rand() % 16;
	bool whole;
	int ret;

	if (pfn + count > nr)
		count = nr - pfn;
	whole = true;
	for (unsigned long i = pfn; i < pfn + count; i++)
		whole = whole && model[i];
	ret = page_alloc_free(&pa, pfn, count);
	assert_int_equal(ret, whole ? 0 : -EINVAL);
	if (whole)
		model_set(pfn, count, false);
}

/* Top-down allocation takes the highest free run and skips used pages. */
static void test_alloc_high(void **state)
{
	(void)state;
	setup_free(200); /* a partial last word: bits past 200 stay used */
	assert_int_equal(page_alloc_alloc_high(&pa, 1), 199);
	assert_int_equal(page_alloc_alloc_high(&pa, 3), 196);
	/* Page 150 used: [151, 196) holds 45, so 46 must go below it. */
	assert_int_equal(page_alloc_reserve_range(&pa, 150, 1), 0);
	assert_int_equal(page_alloc_alloc_high(&pa, 46), 104);
	assert_int_equal(page_alloc_alloc_high(&pa, 60), 44);
	assert_true(all_used(44, 60));
	/* Bottom-up allocation still starts at the bottom. */
	assert_int_equal(page_alloc_alloc(&pa, 10, 1), 0);
	/* Left: [10, 44) and [151, 196). */
	assert_int_equal(page_alloc_alloc_high(&pa, 46), -ENOMEM);
	assert_int_equal(page_alloc_alloc_high(&pa, 45), 151);
	assert_int_equal(page_alloc_alloc_high(&pa, 35), -ENOMEM);
	assert_int_equal(page_alloc_alloc_high(&pa, 34), 10);
	assert_int_equal(page_alloc_nr_free(&pa), 0);
	assert_int_equal(page_alloc_alloc_high(&pa, 1), -ENOMEM);
	assert_int_equal(page_alloc_alloc_high(&pa, 0), -EINVAL);
}

static void test_random_against_model(void **state)
{
	const unsigned long nr = 1000;
	int i;

	(void)state;
	srand(42);
	page_alloc_init(&pa, bitmap, nr);
	model_set(0, nr, true);
	assert_int_equal(page_alloc_release_range(&pa, 5, 900), 0);
	model_set(5, 900, false);
	for (i = 0; i < 50000; i++) {
		if (rand() % 2)
			stress_alloc(nr);
		else
			stress_free(nr);
		assert_int_equal(page_alloc_nr_free(&pa), model_nr_free(nr));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bitmap_bytes),
		cmocka_unit_test(test_init_all_used),
		cmocka_unit_test(test_release_and_single_alloc),
		cmocka_unit_test(test_release_counts_once),
		cmocka_unit_test(test_range_checks),
		cmocka_unit_test(test_reserve),
		cmocka_unit_test(test_contiguous_first_fit),
		cmocka_unit_test(test_alignment),
		cmocka_unit_test(test_exhaustion_and_fragmentation),
		cmocka_unit_test(test_double_free),
		cmocka_unit_test(test_hint_wraps),
		cmocka_unit_test(test_partial_last_word),
		cmocka_unit_test(test_alloc_high),
		cmocka_unit_test(test_random_against_model),
	};

	/* Line-buffered, so results survive a sanitizer abort. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
