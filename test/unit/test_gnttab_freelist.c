/*
 * Unit tests for kernel/gnttab_freelist.c: reserved refs, exhaustion,
 * growth, rejected puts (double free, reserved, out of range) leaving the
 * state untouched, uniqueness of handed-out refs, and a randomized run
 * against a simple reference model.
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

#include "kernel/gnttab_freelist.h"
#include "kernel/lib/errno.h"

#define RESERVED 8 /* GNTTAB_NR_RESERVED_ENTRIES */
#define REFS_PER_FRAME 512 /* 4 KiB frame / 8-byte v1 entry */
#define MAX_FRAMES 4
#define MAX_REFS (MAX_FRAMES * REFS_PER_FRAME)

static uint32_t storage[MAX_REFS];
static struct gnttab_freelist fl;
static bool taken[MAX_REFS];

/*
 * A table of `frames` frames. Storage past it holds the in-use marker, so
 * a missing range check in put() would accept a nonexistent ref.
 */
static void setup(uint32_t frames)
{
	for (size_t i = 0; i < MAX_REFS; i++)
		storage[i] = GNTTAB_FREELIST_INUSE;
	memset(taken, 0, sizeof(taken));
	assert_int_equal(gnttab_freelist_init(&fl, storage, MAX_REFS,
					      frames * REFS_PER_FRAME,
					      RESERVED),
			 0);
}

/* Get a ref; fail unless it is in [lo, hi) and not already handed out. */
static uint32_t get_in(uint32_t lo, uint32_t hi)
{
	long ref = gnttab_freelist_get(&fl);

	assert_true(ref >= (long)lo && ref < (long)hi);
	assert_false(taken[ref]);
	taken[ref] = true;
	return (uint32_t)ref;
}

/* Take every free ref (all must lie in [lo, hi)); returns how many. */
static uint32_t drain(uint32_t lo, uint32_t hi)
{
	uint32_t n = 0;

	while (gnttab_freelist_nr_free(&fl)) {
		get_in(lo, hi);
		n++;
	}
	assert_int_equal(gnttab_freelist_get(&fl), -ENOSPC);
	return n;
}

/* Field by field: struct padding need not survive a struct copy. */
static void expect_same_state(const struct gnttab_freelist *before)
{
	assert_ptr_equal(fl.next, before->next);
	assert_int_equal(fl.capacity, before->capacity);
	assert_int_equal(fl.max_capacity, before->max_capacity);
	assert_int_equal(fl.head, before->head);
	assert_int_equal(fl.nr_free, before->nr_free);
	assert_int_equal(fl.reserved, before->reserved);
}

/* put(ref) must fail with -EINVAL and leave every byte of state alone. */
static void expect_rejected_put(uint32_t ref)
{
	static uint32_t storage_before[MAX_REFS];
	struct gnttab_freelist before = fl;

	memcpy(storage_before, storage, sizeof(storage));
	assert_int_equal(gnttab_freelist_put(&fl, ref), -EINVAL);
	expect_same_state(&before);
	assert_memory_equal(storage_before, storage, sizeof(storage));
}

static void test_init_rejects_nonsense(void **state)
{
	(void)state;
	assert_int_equal(gnttab_freelist_init(&fl, NULL, 16, 16, 8), -EINVAL);
	assert_int_equal(gnttab_freelist_init(&fl, storage, 0, 0, 0), -EINVAL);
	assert_int_equal(gnttab_freelist_init(&fl, storage, 16, 17, 8),
			 -EINVAL);
	assert_int_equal(gnttab_freelist_init(&fl, storage, 16, 16, 16),
			 -EINVAL);
	/* Refs this large would collide with the markers in next[]. */
	assert_int_equal(gnttab_freelist_init(&fl, storage, GNTTAB_FREELIST_END,
					      16, 8),
			 -EINVAL);
	assert_int_equal(gnttab_freelist_init(&fl, storage, 16, 16, 15), 0);
	assert_int_equal(gnttab_freelist_nr_free(&fl), 1);
	assert_int_equal(gnttab_freelist_get(&fl), 15);
}

static void test_fresh_table_hands_out_lowest_first(void **state)
{
	uint32_t i;

	(void)state;
	setup(1);
	assert_int_equal(gnttab_freelist_nr_free(&fl),
			 REFS_PER_FRAME - RESERVED);
	for (i = RESERVED; i < REFS_PER_FRAME; i++)
		assert_int_equal(gnttab_freelist_get(&fl), i);
	assert_int_equal(gnttab_freelist_nr_free(&fl), 0);
}

static void test_reserved_never_handed_out(void **state)
{
	uint32_t i;

	(void)state;
	setup(1);
	assert_int_equal(drain(RESERVED, REFS_PER_FRAME),
			 REFS_PER_FRAME - RESERVED);
	/* Even "returning" a reserved ref cannot make it allocatable. */
	for (i = 0; i < RESERVED; i++)
		expect_rejected_put(i);
	assert_int_equal(gnttab_freelist_get(&fl), -ENOSPC);
}

static void test_exhaustion(void **state)
{
	uint32_t ref;

	(void)state;
	setup(1);
	drain(RESERVED, REFS_PER_FRAME);
	assert_int_equal(gnttab_freelist_get(&fl), -ENOSPC);
	assert_int_equal(gnttab_freelist_nr_free(&fl), 0);
	/* One put makes exactly that ref available again. */
	ref = 100;
	assert_int_equal(gnttab_freelist_put(&fl, ref), 0);
	assert_int_equal(gnttab_freelist_nr_free(&fl), 1);
	assert_int_equal(gnttab_freelist_get(&fl), ref);
	assert_int_equal(gnttab_freelist_get(&fl), -ENOSPC);
}

static void test_grow_after_exhaustion(void **state)
{
	(void)state;
	setup(1);
	drain(RESERVED, REFS_PER_FRAME);
	/* The driver's retry path: grow by a frame, then get succeeds. */
	assert_int_equal(gnttab_freelist_grow(&fl, 2 * REFS_PER_FRAME), 0);
	assert_int_equal(fl.capacity, 2 * REFS_PER_FRAME);
	assert_int_equal(gnttab_freelist_nr_free(&fl), REFS_PER_FRAME);
	assert_int_equal(drain(REFS_PER_FRAME, 2 * REFS_PER_FRAME),
			 REFS_PER_FRAME);
	assert_int_equal(gnttab_freelist_grow(&fl, MAX_REFS), 0);
	assert_int_equal(drain(2 * REFS_PER_FRAME, MAX_REFS),
			 MAX_REFS - 2 * REFS_PER_FRAME);
}

static void test_grow_keeps_existing_free_refs(void **state)
{
	uint32_t i;

	(void)state;
	setup(1);
	for (i = 0; i < 10; i++)
		get_in(RESERVED, REFS_PER_FRAME);
	assert_int_equal(gnttab_freelist_grow(&fl, 3 * REFS_PER_FRAME), 0);
	assert_int_equal(gnttab_freelist_nr_free(&fl),
			 3 * REFS_PER_FRAME - RESERVED - 10);
	assert_int_equal(drain(RESERVED, 3 * REFS_PER_FRAME),
			 3 * REFS_PER_FRAME - RESERVED - 10);
	/* Refs of the new frames can be returned like any other. */
	assert_int_equal(gnttab_freelist_put(&fl, 3 * REFS_PER_FRAME - 1), 0);
	assert_int_equal(gnttab_freelist_get(&fl), 3 * REFS_PER_FRAME - 1);
}

static void test_grow_rejects_bad_sizes(void **state)
{
	struct gnttab_freelist before;

	(void)state;
	setup(2);
	before = fl;
	assert_int_equal(gnttab_freelist_grow(&fl, REFS_PER_FRAME), -EINVAL);
	assert_int_equal(gnttab_freelist_grow(&fl, MAX_REFS + 1), -EINVAL);
	expect_same_state(&before);
	/* Growing to the current size is a no-op, not an error. */
	assert_int_equal(gnttab_freelist_grow(&fl, 2 * REFS_PER_FRAME), 0);
	expect_same_state(&before);
}

static void test_grow_from_below_reserved(void **state)
{
	(void)state;
	/* No frames yet: the reserved refs appear as frames are added. */
	assert_int_equal(
		gnttab_freelist_init(&fl, storage, MAX_REFS, 0, RESERVED), 0);
	assert_int_equal(gnttab_freelist_get(&fl), -ENOSPC);
	assert_int_equal(gnttab_freelist_grow(&fl, 4), 0);
	assert_int_equal(gnttab_freelist_nr_free(&fl), 0);
	assert_int_equal(gnttab_freelist_grow(&fl, 20), 0);
	assert_int_equal(gnttab_freelist_nr_free(&fl), 20 - RESERVED);
	memset(taken, 0, sizeof(taken));
	assert_int_equal(drain(RESERVED, 20), 20 - RESERVED);
	expect_rejected_put(3);
}

static void test_double_free(void **state)
{
	uint32_t a, b;

	(void)state;
	setup(1);
	a = get_in(RESERVED, REFS_PER_FRAME);
	b = get_in(RESERVED, REFS_PER_FRAME);
	assert_int_equal(gnttab_freelist_put(&fl, a), 0);
	taken[a] = false;
	expect_rejected_put(a);
	/* A never-allocated ref is free too, so putting it is a double free. */
	expect_rejected_put(REFS_PER_FRAME - 1);
	assert_int_equal(gnttab_freelist_nr_free(&fl),
			 REFS_PER_FRAME - RESERVED - 1);
	/* a comes back exactly once, and b not at all. */
	drain(RESERVED, REFS_PER_FRAME);
	assert_true(taken[b]);
}

static void test_out_of_range_put(void **state)
{
	(void)state;
	setup(1);
	drain(RESERVED, REFS_PER_FRAME);
	/* Storage beyond capacity holds INUSE, yet these must be refused. */
	expect_rejected_put(REFS_PER_FRAME);
	expect_rejected_put(MAX_REFS - 1);
	expect_rejected_put(MAX_REFS);
	expect_rejected_put(GNTTAB_FREELIST_INUSE);
	expect_rejected_put(GNTTAB_FREELIST_END);
	assert_int_equal(gnttab_freelist_get(&fl), -ENOSPC);
}

static void test_lifo_reuse(void **state)
{
	uint32_t i;

	(void)state;
	setup(1);
	for (i = 0; i < 5; i++)
		get_in(RESERVED, REFS_PER_FRAME);
	assert_int_equal(gnttab_freelist_put(&fl, RESERVED + 1), 0);
	assert_int_equal(gnttab_freelist_put(&fl, RESERVED + 3), 0);
	/* The most recently returned ref is handed out first. */
	assert_int_equal(gnttab_freelist_get(&fl), RESERVED + 3);
	assert_int_equal(gnttab_freelist_get(&fl), RESERVED + 1);
	assert_int_equal(gnttab_freelist_get(&fl), RESERVED + 5);
}

/*
 * Reference model: taken[] per ref, the capacity and the free count. Each
 * round starts from one frame, so growth is exercised at every size.
 */
static uint32_t model_capacity, model_free;

static void stress_get(void)
{
	long ref = gnttab_freelist_get(&fl);

	if (model_free == 0) {
		assert_int_equal(ref, -ENOSPC);
		return;
	}
	assert_true(ref >= RESERVED && ref < (long)model_capacity);
	assert_false(taken[ref]);
	taken[ref] = true;
	model_free--;
}

static void stress_put(void)
{
	/* Mostly existing refs, sometimes ones beyond any capacity. */
	uint32_t range = rand() % 8 ? model_capacity : MAX_REFS + 16;
	uint32_t ref = (uint32_t)rand() % range;
	bool ok = ref >= RESERVED && ref < model_capacity && taken[ref];

	assert_int_equal(gnttab_freelist_put(&fl, ref), ok ? 0 : -EINVAL);
	if (ok) {
		taken[ref] = false;
		model_free++;
	}
}

static void stress_grow(void)
{
	uint32_t to = model_capacity + REFS_PER_FRAME;

	if (to > MAX_REFS) {
		assert_int_equal(gnttab_freelist_grow(&fl, to), -EINVAL);
		return;
	}
	assert_int_equal(gnttab_freelist_grow(&fl, to), 0);
	model_free += to - model_capacity;
	model_capacity = to;
}

/* Moving to bigger storage keeps every ref's state and allows growing. */
static void test_move_to_bigger_storage(void **state)
{
	static uint32_t small[REFS_PER_FRAME];
	uint32_t a, b;

	(void)state;
	memset(taken, 0, sizeof(taken));
	assert_int_equal(gnttab_freelist_init(&fl, small, REFS_PER_FRAME,
					      REFS_PER_FRAME, RESERVED),
			 0);
	a = get_in(RESERVED, REFS_PER_FRAME);
	b = get_in(RESERVED, REFS_PER_FRAME);
	assert_int_equal(gnttab_freelist_grow(&fl, 2 * REFS_PER_FRAME),
			 -EINVAL);
	/* Smaller than what is in use, or no storage: refused. */
	assert_int_equal(gnttab_freelist_move(&fl, storage, 16), -EINVAL);
	assert_int_equal(gnttab_freelist_move(&fl, NULL, MAX_REFS), -EINVAL);
	assert_int_equal(gnttab_freelist_move(&fl, storage, MAX_REFS), 0);
	assert_int_equal(gnttab_freelist_put(&fl, b), 0);
	assert_int_equal(gnttab_freelist_put(&fl, b), -EINVAL);
	assert_int_equal(gnttab_freelist_grow(&fl, 2 * REFS_PER_FRAME), 0);
	assert_int_equal(gnttab_freelist_nr_free(&fl),
			 2 * REFS_PER_FRAME - RESERVED - 1);
	assert_int_equal(gnttab_freelist_put(&fl, a), 0);
}

static void test_random_against_model(void **state)
{
	int round, i, op;

	(void)state;
	srand(42);
	for (round = 0; round < 20; round++) {
		setup(1);
		model_capacity = REFS_PER_FRAME;
		model_free = REFS_PER_FRAME - RESERVED;
		for (i = 0; i < 10000; i++) {
			op = rand() % 1000;
			if (op < 600)
				stress_get();
			else if (op < 998)
				stress_put();
			else
				stress_grow();
			assert_int_equal(gnttab_freelist_nr_free(&fl),
					 model_free);
		}
		assert_int_equal(fl.capacity, model_capacity);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_rejects_nonsense),
		cmocka_unit_test(test_fresh_table_hands_out_lowest_first),
		cmocka_unit_test(test_reserved_never_handed_out),
		cmocka_unit_test(test_exhaustion),
		cmocka_unit_test(test_grow_after_exhaustion),
		cmocka_unit_test(test_grow_keeps_existing_free_refs),
		cmocka_unit_test(test_grow_rejects_bad_sizes),
		cmocka_unit_test(test_grow_from_below_reserved),
		cmocka_unit_test(test_double_free),
		cmocka_unit_test(test_out_of_range_put),
		cmocka_unit_test(test_lifo_reuse),
		cmocka_unit_test(test_move_to_bigger_storage),
		cmocka_unit_test(test_random_against_model),
	};

	/* Line-buffered, so results survive a sanitizer abort. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
