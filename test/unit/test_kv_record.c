/*
 * Unit tests for apps/kvstore/record.c, the log record codec: round trips of every record
 * kind, and every kind of damage a log can suffer (a bad CRC, a length too short or past the
 * end, a zero-filled tail, a record cut at each byte, impossible fields under a good CRC, a
 * record from another log), each refused with its own status and never read past its bytes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "apps/kvstore/crc32c.h"
#include "apps/kvstore/record.h"

static size_t encode(unsigned char *buf, size_t room, uint64_t seq,
		     uint32_t prev, enum kv_op op, const char *key,
		     const char *value)
{
	struct kv_record r = { .seq = seq,
			       .prev = prev,
			       .op = op,
			       .key = key,
			       .key_len = key ? strlen(key) : 0,
			       .value = value,
			       .value_len = value ? strlen(value) : 0 };

	return kv_record_encode(buf, room, &r);
}

/* A copy of n bytes in a heap block of exactly n, so ASan sees any read past them. */
static enum kv_rec_status decode_exact(const unsigned char *buf, size_t n,
				       struct kv_record *r, size_t *need)
{
	unsigned char *copy = malloc(n ? n : 1);
	enum kv_rec_status st;

	memcpy(copy, buf, n);
	st = kv_record_decode(copy, n, r, need);
	free(copy);
	return st;
}

static void put32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = v >> (8 * i);
}

/* After editing the fields, make the CRC right again: only the fields are wrong. */
static void fix_crc(unsigned char *buf, size_t len)
{
	put32(buf + 4, crc32c(0, buf + 8, len - 8));
}

static void test_crc32c_known_value(void **state)
{
	(void)state;
	assert_int_equal(crc32c(0, "123456789", 9), 0xe3069283);
	assert_int_equal(crc32c(crc32c(0, "1234", 4), "56789", 5), 0xe3069283);
	assert_int_equal(crc32c(0, "", 0), 0);
}

static void test_round_trip_set(void **state)
{
	unsigned char buf[256];
	struct kv_record r;
	size_t need = 99, n = encode(buf, sizeof(buf), 7, 0xdeadbeef, KV_OP_SET,
				     "key", "a value with spaces");

	(void)state;
	assert_int_equal(n, KV_REC_HEADER + 3 + 19);
	assert_int_equal(kv_record_decode(buf, n, &r, &need), KV_REC_OK);
	assert_int_equal(need, 0);
	assert_int_equal(r.seq, 7);
	assert_int_equal(r.prev, 0xdeadbeef);
	assert_int_equal(r.op, KV_OP_SET);
	assert_int_equal(r.len, n);
	assert_int_equal(r.key_len, 3);
	assert_memory_equal(r.key, "key", 3);
	assert_int_equal(r.value_len, 19);
	assert_memory_equal(r.value, "a value with spaces", 19);
	/* Whatever follows the record does not matter. */
	memset(buf + n, 0xa5, sizeof(buf) - n);
	assert_int_equal(kv_record_decode(buf, sizeof(buf), &r, NULL),
			 KV_REC_OK);
	assert_int_equal(r.len, n);
}

static void test_round_trip_other_kinds(void **state)
{
	unsigned char buf[512];
	struct kv_record r;
	char key[300];
	size_t n;

	(void)state;
	n = encode(buf, sizeof(buf), 1, 0, KV_OP_SET, "k", "");
	assert_int_equal(decode_exact(buf, n, &r, NULL), KV_REC_OK);
	assert_int_equal(r.value_len, 0);
	n = encode(buf, sizeof(buf), 2, 5, KV_OP_DEL, "gone", NULL);
	assert_int_equal(decode_exact(buf, n, &r, NULL), KV_REC_OK);
	assert_int_equal(r.op, KV_OP_DEL);
	assert_int_equal(r.key_len, 4);
	assert_int_equal(r.value_len, 0);
	n = encode(buf, sizeof(buf), 3, 6, KV_OP_PAD, NULL, NULL);
	assert_int_equal(n, KV_REC_HEADER);
	assert_int_equal(decode_exact(buf, n, &r, NULL), KV_REC_OK);
	assert_int_equal(r.op, KV_OP_PAD);
	/* A PAD record of 100 zero bytes. */
	r = (struct kv_record){ .seq = 4, .op = KV_OP_PAD, .value_len = 100 };
	n = kv_record_encode(buf, sizeof(buf), &r);
	assert_int_equal(n, KV_REC_HEADER + 100);
	assert_int_equal(decode_exact(buf, n, &r, NULL), KV_REC_OK);
	assert_null(r.value);
	assert_int_equal(r.value_len, 100);
	memset(key, 'x', sizeof(key) - 1);
	key[sizeof(key) - 1] = 0;
	n = encode(buf, sizeof(buf), 5, 0, KV_OP_SET, key, "v");
	assert_int_equal(decode_exact(buf, n, &r, NULL), KV_REC_OK);
	assert_int_equal(r.key_len, 299);
}

static void test_encode_refuses_what_does_not_fit(void **state)
{
	unsigned char buf[64];
	struct kv_record big = { .seq = 1,
				 .op = KV_OP_SET,
				 .key = "k",
				 .key_len = 1,
				 .value = buf,
				 .value_len = KV_REC_MAX };

	(void)state;
	assert_int_equal(encode(buf, 31, 1, 0, KV_OP_SET, "k", "abc"), 0);
	assert_int_equal(encode(buf, 32, 1, 0, KV_OP_SET, "k", "abc"), 32);
	assert_int_equal(kv_record_encode(buf, SIZE_MAX, &big), 0);
}

static void test_empty_and_zeros_are_the_end(void **state)
{
	unsigned char zeros[KV_REC_HEADER * 2] = { 0 };
	struct kv_record r;

	(void)state;
	assert_int_equal(decode_exact(zeros, 0, &r, NULL), KV_REC_END);
	for (size_t n = 1; n <= sizeof(zeros); n++)
		assert_int_equal(decode_exact(zeros, n, &r, NULL), KV_REC_END);
}

static void test_cut_at_every_byte_is_torn(void **state)
{
	unsigned char buf[128];
	size_t n = encode(buf, sizeof(buf), 1, 0, KV_OP_SET, "key", "value"),
	       need;
	struct kv_record r;

	(void)state;
	for (size_t cut = 1; cut < n; cut++) {
		need = 99;
		assert_int_equal(decode_exact(buf, cut, &r, &need),
				 KV_REC_TRUNCATED);
		/* Once the header is there, the record says how long it is. */
		assert_int_equal(need, cut >= KV_REC_HEADER ? n : 0);
	}
	assert_int_equal(decode_exact(buf, n, &r, NULL), KV_REC_OK);
}

static void test_every_flipped_byte_is_caught(void **state)
{
	unsigned char buf[128];
	size_t n = encode(buf, sizeof(buf), 9, 1234, KV_OP_SET, "key", "value");
	struct kv_record r;

	(void)state;
	for (size_t i = 0; i < n; i++) {
		for (int bit = 0; bit < 8; bit++) {
			enum kv_rec_status st;

			buf[i] ^= 1 << bit;
			st = decode_exact(buf, n, &r, NULL);
			buf[i] ^= 1 << bit;
			if (i < 4)
				assert_int_equal(st, KV_REC_BAD_MAGIC);
			else if (i >= 8 && i < 12)
				/* A length that is impossible, past the end, or wrong. */
				assert_true(st == KV_REC_BAD_LENGTH ||
					    st == KV_REC_TRUNCATED ||
					    st == KV_REC_BAD_CRC);
			else
				assert_int_equal(st, KV_REC_BAD_CRC);
		}
	}
}

static void test_bad_lengths(void **state)
{
	unsigned char buf[128];
	size_t n = encode(buf, sizeof(buf), 1, 0, KV_OP_SET, "key", "value"),
	       need;
	struct kv_record r;

	(void)state;
	/* Shorter than a header. */
	for (uint32_t len = 0; len < KV_REC_HEADER; len++) {
		put32(buf + 8, len);
		assert_int_equal(decode_exact(buf, n, &r, NULL),
				 KV_REC_BAD_LENGTH);
	}
	/* Beyond any record. */
	put32(buf + 8, KV_REC_MAX + 1);
	assert_int_equal(decode_exact(buf, n, &r, NULL), KV_REC_BAD_LENGTH);
	put32(buf + 8, 0xffffffff);
	assert_int_equal(decode_exact(buf, n, &r, NULL), KV_REC_BAD_LENGTH);
	/* Past the end of what is there: torn, and how much it wants. */
	put32(buf + 8, n + 1);
	assert_int_equal(decode_exact(buf, n, &r, &need), KV_REC_TRUNCATED);
	assert_int_equal(need, n + 1);
	put32(buf + 8, KV_REC_MAX);
	assert_int_equal(decode_exact(buf, n, &r, &need), KV_REC_TRUNCATED);
	assert_int_equal(need, KV_REC_MAX);
	/* Shorter than the record, and the CRC then covers too little. */
	put32(buf + 8, n - 1);
	assert_int_equal(decode_exact(buf, n, &r, NULL), KV_REC_BAD_CRC);
}

static void test_zero_filled_tail(void **state)
{
	unsigned char buf[128];
	size_t n =
		encode(buf, sizeof(buf), 1, 0, KV_OP_SET, "key", "some value");
	struct kv_record r;

	(void)state;
	/* The header made it to the disk, the rest is still zeros. */
	for (size_t from = KV_REC_HEADER; from < n; from++) {
		unsigned char copy[128];

		memcpy(copy, buf, n);
		memset(copy + from, 0, n - from);
		assert_int_equal(decode_exact(copy, n, &r, NULL),
				 KV_REC_BAD_CRC);
	}
	/* Only the start of the header made it. */
	for (size_t from = 4; from < KV_REC_HEADER; from++) {
		unsigned char copy[128];

		memcpy(copy, buf, n);
		memset(copy + from, 0, n - from);
		assert_int_not_equal(decode_exact(copy, n, &r, NULL),
				     KV_REC_OK);
	}
}

static void test_impossible_fields_under_a_good_crc(void **state)
{
	unsigned char buf[128];
	size_t n;
	struct kv_record r;

	(void)state;
	n = encode(buf, sizeof(buf), 1, 0, KV_OP_SET, "key", "value");
	buf[24] = 9; /* no such op */
	fix_crc(buf, n);
	assert_int_equal(decode_exact(buf, n, &r, NULL), KV_REC_BAD_FIELDS);
	buf[24] = KV_OP_SET;
	buf[25] = 1; /* flags */
	fix_crc(buf, n);
	assert_int_equal(decode_exact(buf, n, &r, NULL), KV_REC_BAD_FIELDS);
	buf[25] = 0;
	buf[26] = 200; /* key longer than the record */
	fix_crc(buf, n);
	assert_int_equal(decode_exact(buf, n, &r, NULL), KV_REC_BAD_FIELDS);
	buf[26] = 0; /* a SET without a key */
	fix_crc(buf, n);
	assert_int_equal(decode_exact(buf, n, &r, NULL), KV_REC_BAD_FIELDS);
	buf[26] = 3;
	buf[24] = KV_OP_DEL; /* a DEL with a value */
	fix_crc(buf, n);
	assert_int_equal(decode_exact(buf, n, &r, NULL), KV_REC_BAD_FIELDS);
	buf[24] = KV_OP_PAD; /* a PAD with a key */
	fix_crc(buf, n);
	assert_int_equal(decode_exact(buf, n, &r, NULL), KV_REC_BAD_FIELDS);
	buf[24] = KV_OP_SET;
	fix_crc(buf, n);
	assert_int_equal(decode_exact(buf, n, &r, NULL), KV_REC_OK);
}

static void test_records_chain(void **state)
{
	unsigned char buf[256];
	struct kv_record a, b;
	size_t na, nb;

	(void)state;
	na = encode(buf, sizeof(buf), 1, 0, KV_OP_SET, "a", "1");
	assert_int_equal(kv_record_decode(buf, na, &a, NULL), KV_REC_OK);
	assert_true(kv_record_follows(&a, 0, 0));
	/* A first record names no previous one. */
	a.prev = 77;
	assert_false(kv_record_follows(&a, 0, 0));
	a.prev = 0;
	nb = encode(buf + na, sizeof(buf) - na, 2, a.crc, KV_OP_DEL, "a", NULL);
	assert_int_equal(kv_record_decode(buf + na, nb, &b, NULL), KV_REC_OK);
	assert_true(kv_record_follows(&b, 1, a.crc));
	/* Out of sequence, or after another record: not part of this log. */
	assert_false(kv_record_follows(&b, 2, a.crc));
	assert_false(kv_record_follows(&b, 0, a.crc));
	assert_false(kv_record_follows(&b, 1, a.crc ^ 1));
	assert_false(kv_record_follows(&a, 1, a.crc));
}

static void test_status_texts(void **state)
{
	(void)state;
	for (int st = KV_REC_OK; st <= KV_REC_BAD_FIELDS; st++)
		assert_string_not_equal(kv_rec_status_text(st), "unknown");
	assert_string_equal(kv_rec_status_text(KV_REC_BAD_CRC), "bad CRC");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crc32c_known_value),
		cmocka_unit_test(test_round_trip_set),
		cmocka_unit_test(test_round_trip_other_kinds),
		cmocka_unit_test(test_encode_refuses_what_does_not_fit),
		cmocka_unit_test(test_empty_and_zeros_are_the_end),
		cmocka_unit_test(test_cut_at_every_byte_is_torn),
		cmocka_unit_test(test_every_flipped_byte_is_caught),
		cmocka_unit_test(test_bad_lengths),
		cmocka_unit_test(test_zero_filled_tail),
		cmocka_unit_test(test_impossible_fields_under_a_good_crc),
		cmocka_unit_test(test_records_chain),
		cmocka_unit_test(test_status_texts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
