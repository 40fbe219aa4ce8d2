/*
 * Unit tests for apps/kvstore/table.c, kvstore's hash table: put, replace, get and delete,
 * keys that differ only in length or in a late byte, binary keys, and growth past many
 * doublings with every entry still found.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "apps/kvstore/table.h"

static void put(struct kv_table *t, const char *key, const char *value)
{
	struct kv_entry *e =
		kv_entry_new(key, strlen(key), value, strlen(value));

	assert_non_null(e);
	kv_table_put(t, e);
}

static const char *get(const struct kv_table *t, const char *key, char *buf)
{
	const struct kv_entry *e = kv_table_get(t, key, strlen(key));

	if (!e)
		return NULL;
	memcpy(buf, kv_entry_value(e), e->value_len);
	buf[e->value_len] = 0;
	return buf;
}

static void free_all(struct kv_table *t)
{
	for (size_t i = 0; i < t->nbuckets; i++) {
		struct kv_entry *e = t->buckets[i], *next;

		for (; e; e = next) {
			next = e->next;
			free(e);
		}
	}
	free(t->buckets);
}

static void test_put_get_replace_del(void **state)
{
	struct kv_table t;
	char buf[64];

	(void)state;
	assert_int_equal(kv_table_init(&t), 0);
	assert_null(get(&t, "a", buf));
	put(&t, "a", "1");
	put(&t, "ab", "2");
	put(&t, "b", "");
	assert_int_equal(t.count, 3);
	assert_string_equal(get(&t, "a", buf), "1");
	assert_string_equal(get(&t, "ab", buf), "2");
	assert_string_equal(get(&t, "b", buf), "");
	put(&t, "a", "one");
	assert_int_equal(t.count, 3);
	assert_string_equal(get(&t, "a", buf), "one");
	assert_int_equal(kv_table_del(&t, "a", 1), 1);
	assert_int_equal(kv_table_del(&t, "a", 1), 0);
	assert_null(get(&t, "a", buf));
	assert_string_equal(get(&t, "ab", buf), "2");
	assert_int_equal(t.count, 2);
	free_all(&t);
}

static void test_binary_keys(void **state)
{
	struct kv_table t;
	struct kv_entry *e;

	(void)state;
	assert_int_equal(kv_table_init(&t), 0);
	e = kv_entry_new("k\0x", 3, "v1", 2);
	kv_table_put(&t, e);
	e = kv_entry_new("k\0y", 3, "v2", 2);
	kv_table_put(&t, e);
	assert_int_equal(t.count, 2);
	assert_memory_equal(kv_entry_value(kv_table_get(&t, "k\0y", 3)), "v2",
			    2);
	assert_null(kv_table_get(&t, "k", 1));
	free_all(&t);
}

static void test_grows_and_keeps_everything(void **state)
{
	struct kv_table t;
	char key[32], value[32], buf[64];
	const int n = 50000;

	(void)state;
	assert_int_equal(kv_table_init(&t), 0);
	for (int i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "key%d", i);
		snprintf(value, sizeof(value), "value%d", i);
		put(&t, key, value);
	}
	assert_int_equal(t.count, n);
	assert_true(t.nbuckets >= (size_t)n);
	for (int i = 0; i < n; i += 2) {
		snprintf(key, sizeof(key), "key%d", i);
		assert_int_equal(kv_table_del(&t, key, strlen(key)), 1);
	}
	for (int i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "key%d", i);
		snprintf(value, sizeof(value), "value%d", i);
		if (i % 2)
			assert_string_equal(get(&t, key, buf), value);
		else
			assert_null(get(&t, key, buf));
	}
	assert_int_equal(t.count, n / 2);
	free_all(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_put_get_replace_del),
		cmocka_unit_test(test_binary_keys),
		cmocka_unit_test(test_grows_and_keeps_everything),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
