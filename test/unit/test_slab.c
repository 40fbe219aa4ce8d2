/*
 * Unit tests for the small-object allocator (kernel/mm/slab.c): size
 * classes, alignment, zeroing, page reuse and release, exhaustion, and
 * refusal of bad or double frees.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "kernel/lib/errno.h"
#include "kernel/mm/slab.h"

static unsigned long pages_out, page_budget;

static void *test_page_alloc(void)
{
	if (!page_budget)
		return NULL;
	page_budget--;
	pages_out++;
	return aligned_alloc(SLAB_PAGE_SIZE, SLAB_PAGE_SIZE);
}

static void test_page_free(void *page)
{
	pages_out--;
	page_budget++;
	free(page);
}

static const struct slab_page_source source = { test_page_alloc,
						test_page_free };

static int setup(void **state)
{
	static struct slab s;

	pages_out = 0;
	page_budget = 64;
	slab_init(&s, &source);
	*state = &s;
	return 0;
}

/* Everything was freed: shrinking returns every page to the source. */
static int teardown(void **state)
{
	struct slab *s = *state;

	slab_shrink(s);
	assert_int_equal(pages_out, 0);
	assert_int_equal(s->nr_pages, 0);
	return 0;
}

static void test_classes_alignment_and_zeroing(void **state)
{
	struct slab *s = *state;
	size_t sizes[] = { 1, 16, 17, 100, 128, 1000, 2048 };

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		unsigned char *p = slab_alloc(s, sizes[i]);

		assert_non_null(p);
		assert_int_equal((uintptr_t)p % 16, 0);
		for (size_t j = 0; j < sizes[i]; j++)
			assert_int_equal(p[j], 0);
		memset(p, 0xab, sizes[i]);
		assert_int_equal(slab_free(s, p), 0);
		/* the same object comes back, zeroed again */
		p = slab_alloc(s, sizes[i]);
		for (size_t j = 0; j < sizes[i]; j++)
			assert_int_equal(p[j], 0);
		assert_int_equal(slab_free(s, p), 0);
	}
}

static void test_out_of_range_sizes(void **state)
{
	struct slab *s = *state;

	assert_null(slab_alloc(s, 0));
	assert_null(slab_alloc(s, SLAB_MAX_SIZE + 1));
	assert_int_equal(pages_out, 0);
}

static void test_objects_do_not_overlap(void **state)
{
	struct slab *s = *state;
	enum { N = 600 };
	unsigned char *p[N];

	for (int i = 0; i < N; i++) {
		p[i] = slab_alloc(s, 48); /* the 64-byte class */
		assert_non_null(p[i]);
		memset(p[i], i & 0xff, 48);
	}
	/* 63 objects of 64 bytes fit a page after its 64-byte header */
	assert_int_equal(pages_out, (N + 62) / 63);
	for (int i = 0; i < N; i++) {
		for (int j = 0; j < 48; j++)
			assert_int_equal(p[i][j], i & 0xff);
		assert_int_equal(slab_free(s, p[i]), 0);
	}
	/* every page went back but the class's last partial one */
	assert_int_equal(pages_out, 1);
	assert_int_equal(s->nr_pages, 1);
}

static void test_exhaustion_then_recovery(void **state)
{
	struct slab *s = *state;
	void *p[3];

	page_budget = 2;
	p[0] = slab_alloc(s, 2048); /* one object per page */
	p[1] = slab_alloc(s, 2048);
	assert_non_null(p[0]);
	assert_non_null(p[1]);
	assert_null(slab_alloc(s, 2048));
	assert_int_equal(slab_free(s, p[0]), 0);
	p[2] = slab_alloc(s, 2048);
	assert_non_null(p[2]);
	assert_int_equal(slab_free(s, p[1]), 0);
	assert_int_equal(slab_free(s, p[2]), 0);
}

static void test_bad_and_double_frees(void **state)
{
	struct slab *s = *state;
	char *a = slab_alloc(s, 32);
	char *b = slab_alloc(s, 32);
	void *foreign = aligned_alloc(SLAB_PAGE_SIZE, SLAB_PAGE_SIZE);

	memset(foreign, 0, SLAB_PAGE_SIZE);
	assert_int_equal(slab_free(s, a + 8), -EINVAL); /* inside an object */
	assert_int_equal(slab_free(s, (char *)foreign + 64), -EINVAL);
	assert_int_equal(slab_free(s, a), 0);
	assert_int_equal(slab_free(s, a), -EINVAL); /* double free */
	/* the refused frees changed nothing: b is live, a comes back */
	assert_ptr_equal(slab_alloc(s, 32), a);
	assert_int_equal(slab_free(s, a), 0);
	assert_int_equal(slab_free(s, b), 0);
	free(foreign);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_classes_alignment_and_zeroing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_out_of_range_sizes, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_objects_do_not_overlap,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_exhaustion_then_recovery,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_and_double_frees,
						setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
