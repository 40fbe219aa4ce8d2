/*
 * Unit tests for kernel/wait_list.c: insertion order at both ends, removal
 * from any position, popping, container_of, and both iteration macros.
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

#include "kernel/wait_list.h"

#define NR_ITEMS 8

struct item {
	int id;
	struct list_head link;
};

static struct list_head list;
static struct item items[NR_ITEMS];

static int id_of(struct list_head *link)
{
	return container_of(link, struct item, link)->id;
}

/* Fail unless the list holds exactly ids[0..n), in order, both ways. */
static void expect_ids(const int *ids, int n)
{
	struct list_head *pos;
	int i = 0;

	list_for_each(pos, &list) {
		assert_true(i < n);
		assert_int_equal(id_of(pos), ids[i]);
		assert_ptr_equal(pos->next->prev, pos);
		i++;
	}
	assert_int_equal(i, n);
	for (pos = list.prev; pos != &list; pos = pos->prev)
		assert_int_equal(id_of(pos), ids[--i]);
	assert_int_equal(i, 0);
	assert_int_equal(list_empty(&list), n == 0);
}

static void setup_items(void)
{
	int i;

	list_init(&list);
	for (i = 0; i < NR_ITEMS; i++) {
		items[i].id = i;
		list_init(&items[i].link);
	}
}

static void test_empty(void **state)
{
	(void)state;
	setup_items();
	assert_true(list_empty(&list));
	assert_null(list_pop_front(&list));
	expect_ids(NULL, 0);
}

static void test_container_of(void **state)
{
	struct item it = { .id = 42 };

	(void)state;
	assert_ptr_equal(container_of(&it.link, struct item, link), &it);
	assert_int_equal(id_of(&it.link), 42);
}

static void test_add_tail_and_add(void **state)
{
	static const int tail_order[] = { 0, 1, 2 };
	static const int mixed_order[] = { 4, 3, 0, 5, 1, 2 };

	(void)state;
	setup_items();
	list_add_tail(&items[0].link, &list);
	list_add_tail(&items[1].link, &list);
	list_add_tail(&items[2].link, &list);
	expect_ids(tail_order, 3);
	/* list_add at the head pushes to the front. */
	list_add(&items[3].link, &list);
	list_add(&items[4].link, &list);
	/* Adding after a node inserts in the middle. */
	list_add(&items[5].link, &items[0].link);
	expect_ids(mixed_order, 6);
}

static void test_insert_before_node(void **state)
{
	static const int order[] = { 0, 2, 1 };

	(void)state;
	setup_items();
	list_add_tail(&items[0].link, &list);
	list_add_tail(&items[1].link, &list);
	list_add_tail(&items[2].link, &items[1].link);
	expect_ids(order, 3);
}

static void test_del_positions(void **state)
{
	static const int after_middle[] = { 0, 1, 3, 4 };
	static const int after_ends[] = { 1, 3 };
	int i;

	(void)state;
	setup_items();
	for (i = 0; i < 5; i++)
		list_add_tail(&items[i].link, &list);
	list_del(&items[2].link);
	expect_ids(after_middle, 4);
	list_del(&items[0].link);
	list_del(&items[4].link);
	expect_ids(after_ends, 2);
	/* A deleted node is self-linked, and deleting it again is harmless. */
	assert_true(list_empty(&items[2].link));
	list_del(&items[2].link);
	expect_ids(after_ends, 2);
	list_del(&items[1].link);
	list_del(&items[3].link);
	expect_ids(NULL, 0);
}

static void test_pop_front_fifo(void **state)
{
	struct list_head *n;
	int i;

	(void)state;
	setup_items();
	for (i = 0; i < NR_ITEMS; i++)
		list_add_tail(&items[i].link, &list);
	for (i = 0; i < NR_ITEMS; i++) {
		n = list_pop_front(&list);
		assert_non_null(n);
		assert_int_equal(id_of(n), i);
		assert_true(list_empty(n));
	}
	assert_null(list_pop_front(&list));
	assert_true(list_empty(&list));
}

static void test_for_each_safe_delete(void **state)
{
	static const int odd[] = { 1, 3, 5, 7 };
	struct list_head *pos, *tmp;
	int visited = 0;

	(void)state;
	setup_items();
	for (int i = 0; i < NR_ITEMS; i++)
		list_add_tail(&items[i].link, &list);
	list_for_each_safe(pos, tmp, &list) {
		assert_int_equal(id_of(pos), visited++);
		if (id_of(pos) % 2 == 0)
			list_del(pos);
	}
	assert_int_equal(visited, NR_ITEMS);
	expect_ids(odd, 4);
	list_for_each_safe(pos, tmp, &list)
		list_del(pos);
	expect_ids(NULL, 0);
}

static void test_reuse_after_del(void **state)
{
	static const int order[] = { 1, 0 };

	(void)state;
	setup_items();
	list_add_tail(&items[0].link, &list);
	list_add_tail(&items[1].link, &list);
	list_del(&items[0].link);
	list_add_tail(&items[0].link, &list);
	expect_ids(order, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_container_of),
		cmocka_unit_test(test_add_tail_and_add),
		cmocka_unit_test(test_insert_before_node),
		cmocka_unit_test(test_del_positions),
		cmocka_unit_test(test_pop_front_fifo),
		cmocka_unit_test(test_for_each_safe_delete),
		cmocka_unit_test(test_reuse_after_del),
	};

	/* Line-buffered, so results survive a sanitizer abort. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
