/*
 * Unit tests for kernel/timer_queue.c: deadline order with FIFO among equal
 * deadlines, pop_expired against `now`, removal from any position,
 * re-arming, count bookkeeping, and a randomized run against a simple
 * reference model.
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

#include "kernel/timer_queue.h"

#define NR_TIMERS 512

struct timer {
	int id;
	unsigned long armed_at; /* order of the last add, for FIFO checks */
	struct timer_node node;
};

static struct timer_queue q;
static struct timer timers[NR_TIMERS];
static unsigned long arm_clock;

static void setup(void)
{
	int i;

	timer_queue_init(&q);
	memset(timers, 0, sizeof(timers));
	for (i = 0; i < NR_TIMERS; i++)
		timers[i].id = i;
	arm_clock = 0;
}

static void arm(int id, uint64_t deadline)
{
	timers[id].armed_at = arm_clock++;
	timer_queue_add(&q, &timers[id].node, deadline);
	assert_true(timer_node_queued(&timers[id].node));
	assert_int_equal(timers[id].node.deadline, deadline);
}

static int id_of(struct timer_node *t)
{
	return container_of(t, struct timer, node)->id;
}

/* Pop with now = ~0 and fail unless ids come out as expected. */
static void expect_pop_order(const int *ids, int n)
{
	struct timer_node *t;
	int i;

	assert_int_equal(q.count, (unsigned long)n);
	for (i = 0; i < n; i++) {
		t = timer_queue_pop_expired(&q, UINT64_MAX);
		assert_non_null(t);
		assert_int_equal(id_of(t), ids[i]);
		assert_false(timer_node_queued(t));
	}
	assert_null(timer_queue_pop_expired(&q, UINT64_MAX));
	assert_int_equal(q.count, 0);
}

static void test_empty(void **state)
{
	(void)state;
	setup();
	assert_null(timer_queue_first(&q));
	assert_null(timer_queue_pop_expired(&q, 0));
	assert_null(timer_queue_pop_expired(&q, UINT64_MAX));
	assert_int_equal(q.count, 0);
	/* Zero-filled and explicitly initialised nodes are both idle. */
	assert_false(timer_node_queued(&timers[0].node));
	timers[1].node.queued = true;
	timer_node_init(&timers[1].node);
	assert_false(timer_node_queued(&timers[1].node));
	assert_false(timer_queue_remove(&q, &timers[0].node));
	assert_int_equal(q.count, 0);
}

static void test_first_does_not_remove(void **state)
{
	(void)state;
	setup();
	arm(0, 50);
	arm(1, 40);
	assert_int_equal(id_of(timer_queue_first(&q)), 1);
	assert_int_equal(id_of(timer_queue_first(&q)), 1);
	assert_int_equal(q.count, 2);
	assert_true(timer_node_queued(&timers[1].node));
}

static void test_sorted_insert_orders(void **state)
{
	static const int ascending[] = { 0, 1, 2, 3 };
	static const int descending[] = { 3, 2, 1, 0 };
	static const int mixed[] = { 2, 0, 3, 1 };
	int i;

	(void)state;
	setup();
	for (i = 0; i < 4; i++)
		arm(i, 10 * (uint64_t)i);
	expect_pop_order(ascending, 4);
	for (i = 0; i < 4; i++)
		arm(i, 100 - (uint64_t)i);
	expect_pop_order(descending, 4);
	arm(0, 20);
	arm(1, 40);
	arm(2, 10);
	arm(3, 30);
	expect_pop_order(mixed, 4);
}

static void test_fifo_among_equal(void **state)
{
	static const int order[] = { 4, 0, 2, 5, 1, 3 };

	(void)state;
	setup();
	arm(0, 7);
	arm(1, 9);
	arm(2, 7);
	arm(3, 9);
	arm(4, 0);
	arm(5, 7);
	expect_pop_order(order, 6);
}

/* Many random deadlines with heavy duplication, popped all at once. */
static void test_random_order(void **state)
{
	struct timer_node *t;
	struct timer *prev = NULL, *cur;
	int i;

	(void)state;
	srand(1);
	setup();
	for (i = 0; i < NR_TIMERS; i++)
		arm(i, (uint64_t)(rand() % 64) * 1000000000ULL);
	assert_int_equal(q.count, NR_TIMERS);
	for (i = 0; i < NR_TIMERS; i++) {
		t = timer_queue_pop_expired(&q, UINT64_MAX);
		assert_non_null(t);
		cur = container_of(t, struct timer, node);
		if (prev) {
			assert_true(prev->node.deadline <= t->deadline);
			if (prev->node.deadline == t->deadline)
				assert_true(prev->armed_at < cur->armed_at);
		}
		prev = cur;
		assert_int_equal(q.count, (unsigned long)(NR_TIMERS - 1 - i));
	}
	assert_null(timer_queue_first(&q));
}

static void test_pop_expired_respects_now(void **state)
{
	(void)state;
	setup();
	arm(0, 30);
	arm(1, 10);
	arm(2, 20);
	arm(3, 20);
	assert_null(timer_queue_pop_expired(&q, 9));
	assert_int_equal(q.count, 4);
	/* A deadline equal to now has expired. */
	assert_int_equal(id_of(timer_queue_pop_expired(&q, 10)), 1);
	assert_null(timer_queue_pop_expired(&q, 19));
	/* One per call, even when several have expired. */
	assert_int_equal(id_of(timer_queue_pop_expired(&q, 25)), 2);
	assert_int_equal(q.count, 2);
	assert_int_equal(id_of(timer_queue_pop_expired(&q, 25)), 3);
	assert_null(timer_queue_pop_expired(&q, 25));
	assert_int_equal(id_of(timer_queue_first(&q)), 0);
	assert_int_equal(q.count, 1);
}

static void test_extreme_deadlines(void **state)
{
	(void)state;
	setup();
	arm(0, UINT64_MAX);
	arm(1, 0);
	assert_int_equal(id_of(timer_queue_pop_expired(&q, 0)), 1);
	assert_null(timer_queue_pop_expired(&q, UINT64_MAX - 1));
	assert_int_equal(id_of(timer_queue_pop_expired(&q, UINT64_MAX)), 0);
	assert_int_equal(q.count, 0);
}

static void test_remove_positions(void **state)
{
	static const int rest[] = { 1, 3 };
	int i;

	(void)state;
	setup();
	for (i = 0; i < 5; i++)
		arm(i, 100 + (uint64_t)i);
	assert_true(timer_queue_remove(&q, &timers[2].node)); /* middle */
	assert_false(timer_node_queued(&timers[2].node));
	assert_int_equal(q.count, 4);
	assert_true(timer_queue_remove(&q, &timers[0].node)); /* head */
	assert_int_equal(id_of(timer_queue_first(&q)), 1);
	assert_true(timer_queue_remove(&q, &timers[4].node)); /* tail */
	assert_int_equal(q.count, 2);
	/* Removing again reports it was not queued and changes nothing. */
	assert_false(timer_queue_remove(&q, &timers[4].node));
	assert_false(timer_queue_remove(&q, &timers[2].node));
	assert_int_equal(q.count, 2);
	expect_pop_order(rest, 2);
}

static void test_remove_only(void **state)
{
	(void)state;
	setup();
	arm(0, 5);
	assert_true(timer_queue_remove(&q, &timers[0].node));
	assert_null(timer_queue_first(&q));
	assert_int_equal(q.count, 0);
	/* A removed timer can be queued again. */
	arm(0, 6);
	assert_int_equal(id_of(timer_queue_first(&q)), 0);
	assert_int_equal(q.count, 1);
}

static void test_readd_moves(void **state)
{
	static const int order[] = { 0, 3, 1, 2 };

	(void)state;
	setup();
	arm(0, 10);
	arm(1, 20);
	arm(2, 30);
	/* Head to tail, then tail to head: count must not change. */
	arm(0, 40);
	assert_int_equal(q.count, 3);
	assert_int_equal(id_of(timer_queue_first(&q)), 1);
	arm(0, 5);
	assert_int_equal(q.count, 3);
	assert_int_equal(id_of(timer_queue_first(&q)), 0);
	/* Re-arming at an equal deadline goes behind the ones already there. */
	arm(3, 20);
	arm(1, 20);
	assert_int_equal(q.count, 4);
	expect_pop_order(order, 4);
}

/*
 * Reference model: each timer's armed flag, deadline and arm time. The
 * expected earliest timer is the armed one with the smallest
 * (deadline, armed_at).
 */
#define STRESS_TIMERS 64

static bool model_armed[STRESS_TIMERS];

static int model_first(void)
{
	int i, best = -1;

	for (i = 0; i < STRESS_TIMERS; i++) {
		if (!model_armed[i])
			continue;
		if (best < 0 ||
		    timers[i].node.deadline < timers[best].node.deadline ||
		    (timers[i].node.deadline == timers[best].node.deadline &&
		     timers[i].armed_at < timers[best].armed_at))
			best = i;
	}
	return best;
}

static unsigned long model_count(void)
{
	unsigned long n = 0;

	for (int i = 0; i < STRESS_TIMERS; i++)
		n += model_armed[i];
	return n;
}

static void stress_step(uint64_t *now)
{
	int id = rand() % STRESS_TIMERS, first;
	struct timer_node *t;

	switch (rand() % 4) {
	case 0:
	case 1:
		/* Mostly near-future deadlines, some duplicated, some past. */
		arm(id, *now + (uint64_t)(rand() % 40) - 5);
		model_armed[id] = true;
		break;
	case 2:
		assert_int_equal(timer_queue_remove(&q, &timers[id].node),
				 model_armed[id]);
		model_armed[id] = false;
		break;
	default:
		*now += (uint64_t)(rand() % 8);
		first = model_first();
		t = timer_queue_pop_expired(&q, *now);
		if (first < 0 || timers[first].node.deadline > *now) {
			assert_null(t);
			break;
		}
		assert_non_null(t);
		assert_int_equal(id_of(t), first);
		model_armed[first] = false;
	}
}

static void test_random_against_model(void **state)
{
	uint64_t now = 1000;
	struct timer_node *t;
	int i, first;

	(void)state;
	srand(42);
	setup();
	memset(model_armed, 0, sizeof(model_armed));
	for (i = 0; i < 100000; i++) {
		stress_step(&now);
		assert_int_equal(q.count, model_count());
		first = model_first();
		t = timer_queue_first(&q);
		if (first < 0)
			assert_null(t);
		else
			assert_int_equal(id_of(t), first);
		for (int j = 0; j < STRESS_TIMERS; j++)
			assert_int_equal(timer_node_queued(&timers[j].node),
					 model_armed[j]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_first_does_not_remove),
		cmocka_unit_test(test_sorted_insert_orders),
		cmocka_unit_test(test_fifo_among_equal),
		cmocka_unit_test(test_random_order),
		cmocka_unit_test(test_pop_expired_respects_now),
		cmocka_unit_test(test_extreme_deadlines),
		cmocka_unit_test(test_remove_positions),
		cmocka_unit_test(test_remove_only),
		cmocka_unit_test(test_readd_moves),
		cmocka_unit_test(test_random_against_model),
	};

	/* Line-buffered, so results survive a sanitizer abort. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
