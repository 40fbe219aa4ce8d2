/*
 * Unit tests for the ext2 io_manager's block cache (lib/ext2/blkcache.c):
 * hits return what was put, writes refresh only the copies they cover,
 * a new block size or a clear forgets everything, the oldest block goes
 * first when the cache is full.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "lib/ext2/blkcache.h"

#define BS 1024

static struct blkcache cache;

static int setup(void **state)
{
	(void)state;
	blkcache_init(&cache);
	blkcache_set_block_size(&cache, BS);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	blkcache_free(&cache);
	return 0;
}

static void put_filled(uint64_t block, int byte)
{
	unsigned char buf[BS];

	memset(buf, byte, sizeof(buf));
	blkcache_put(&cache, block, buf);
}

/* The byte block holds in the cache, or -1 when it is not there. */
static int cached_byte(uint64_t block)
{
	unsigned char buf[BS];

	if (!blkcache_get(&cache, block, buf))
		return -1;
	for (size_t i = 1; i < BS; i++)
		assert_int_equal(buf[i], buf[0]);
	return buf[0];
}

static void test_miss_then_hit(void **state)
{
	(void)state;
	assert_int_equal(cached_byte(7), -1);
	put_filled(7, 0xab);
	assert_int_equal(cached_byte(7), 0xab);
	put_filled(7, 0xcd); /* the same block again: replaced */
	assert_int_equal(cached_byte(7), 0xcd);
	assert_int_equal(cached_byte(8), -1);
}

static void test_written_refreshes_covered_copies_only(void **state)
{
	unsigned char data[3 * BS];

	(void)state;
	put_filled(9, 1);
	put_filled(10, 2);
	put_filled(12, 3);
	put_filled(13, 4);
	memset(data, 0x10, BS);
	memset(data + BS, 0x11, BS);
	memset(data + 2 * BS, 0x12, BS);
	blkcache_written(&cache, 10, 3, data); /* blocks 10, 11, 12 */
	assert_int_equal(cached_byte(9), 1);
	assert_int_equal(cached_byte(10), 0x10);
	assert_int_equal(cached_byte(11), -1); /* not cached: not added */
	assert_int_equal(cached_byte(12), 0x12);
	assert_int_equal(cached_byte(13), 4);
}

static void test_block_size_change_and_clear_forget(void **state)
{
	(void)state;
	put_filled(1, 5);
	blkcache_set_block_size(&cache, BS); /* same size: kept */
	assert_int_equal(cached_byte(1), 5);
	blkcache_clear(&cache);
	assert_int_equal(cached_byte(1), -1);
	put_filled(1, 6);
	blkcache_set_block_size(&cache, 4096);
	blkcache_set_block_size(&cache, BS);
	assert_int_equal(cached_byte(1), -1);
}

static void test_oldest_goes_first(void **state)
{
	(void)state;
	for (int i = 0; i < BLKCACHE_SLOTS; i++)
		put_filled(100 + i, i);
	for (int i = 0; i < BLKCACHE_SLOTS; i++)
		assert_int_equal(cached_byte(100 + i), i);
	put_filled(500, 0x77);
	assert_int_equal(cached_byte(100), -1);
	assert_int_equal(cached_byte(101), 1);
	assert_int_equal(cached_byte(500), 0x77);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_miss_then_hit, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_written_refreshes_covered_copies_only, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_block_size_change_and_clear_forget, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_oldest_goes_first, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
