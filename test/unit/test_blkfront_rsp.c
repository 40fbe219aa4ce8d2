/*
 * Unit tests for kernel/drivers/blkfront_rsp.c: responses from a hostile
 * backend. Unknown, out-of-range and repeated ids complete nothing; an
 * id answered with another operation (or an unknown one) completes
 * nothing; any status but success is an error (-EIO, or -EOPNOTSUPP for
 * a refused operation), never success.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <xen/xen.h>
#include <xen/io/blkif.h>

#include "kernel/drivers/blkfront_rsp.h"
#include "kernel/lib/errno.h"

static struct blkfront_ids ids;

static void good_responses(void **state)
{
	int a, b, err = 1;

	(void)state;
	blkfront_ids_init(&ids, 32);
	a = blkfront_ids_get(&ids, BLKIF_OP_READ);
	b = blkfront_ids_get(&ids, BLKIF_OP_WRITE);
	assert_true(a >= 0 && b >= 0 && a != b);
	assert_int_equal(blkfront_ids_busy(&ids), 2);
	assert_int_equal(blkfront_rsp_check(&ids, (uint64_t)b, BLKIF_OP_WRITE,
					    BLKIF_RSP_OKAY, &err),
			 BLKFRONT_RSP_DONE);
	assert_int_equal(err, 0);
	assert_int_equal(blkfront_rsp_check(&ids, (uint64_t)a, BLKIF_OP_READ,
					    BLKIF_RSP_OKAY, &err),
			 BLKFRONT_RSP_DONE);
	assert_int_equal(blkfront_ids_busy(&ids), 0);
}

static void bad_ids(void **state)
{
	int a, err = 7;

	(void)state;
	blkfront_ids_init(&ids, 32);
	a = blkfront_ids_get(&ids, BLKIF_OP_READ);
	/* Never issued, past the table, far past it. */
	assert_int_equal(blkfront_rsp_check(&ids, (uint64_t)a + 1,
					    BLKIF_OP_READ, 0, &err),
			 BLKFRONT_RSP_BAD_ID);
	assert_int_equal(blkfront_rsp_check(&ids, 32, BLKIF_OP_READ, 0, &err),
			 BLKFRONT_RSP_BAD_ID);
	assert_int_equal(blkfront_rsp_check(&ids, 1ULL << 40, BLKIF_OP_READ, 0,
					    &err),
			 BLKFRONT_RSP_BAD_ID);
	assert_int_equal(blkfront_rsp_check(&ids, UINT64_MAX, BLKIF_OP_READ, 0,
					    &err),
			 BLKFRONT_RSP_BAD_ID);
	assert_int_equal(err, 7);
	assert_int_equal(blkfront_ids_busy(&ids), 1);
}

static void duplicate_id(void **state)
{
	int a, b, err;

	(void)state;
	blkfront_ids_init(&ids, 32);
	a = blkfront_ids_get(&ids, BLKIF_OP_WRITE);
	assert_int_equal(blkfront_rsp_check(&ids, (uint64_t)a, BLKIF_OP_WRITE,
					    0, &err),
			 BLKFRONT_RSP_DONE);
	/* The same answer again must not complete anything twice. */
	assert_int_equal(blkfront_rsp_check(&ids, (uint64_t)a, BLKIF_OP_WRITE,
					    0, &err),
			 BLKFRONT_RSP_BAD_ID);
	/* Once the id is reused, only the new request's answer counts. */
	b = blkfront_ids_get(&ids, BLKIF_OP_READ);
	assert_int_equal(a, b);
	assert_int_equal(blkfront_rsp_check(&ids, (uint64_t)b, BLKIF_OP_WRITE,
					    0, &err),
			 BLKFRONT_RSP_BAD_OP);
	assert_int_equal(blkfront_ids_busy(&ids), 1);
}

static void wrong_or_unknown_op(void **state)
{
	int a, err;
	const uint8_t ops[] = { BLKIF_OP_WRITE,
				BLKIF_OP_FLUSH_DISKCACHE,
				BLKIF_OP_INDIRECT,
				BLKIF_OP_DISCARD,
				0x7f,
				0xff };

	(void)state;
	blkfront_ids_init(&ids, 32);
	a = blkfront_ids_get(&ids, BLKIF_OP_READ);
	for (unsigned int i = 0; i < sizeof(ops); i++)
		assert_int_equal(blkfront_rsp_check(&ids, (uint64_t)a, ops[i],
						    0, &err),
				 BLKFRONT_RSP_BAD_OP);
	assert_int_equal(blkfront_ids_busy(&ids), 1);
	/* Requests for operations we never send are refused outright. */
	assert_int_equal(blkfront_ids_get(&ids, BLKIF_OP_INDIRECT), -1);
	assert_int_equal(blkfront_ids_get(&ids, BLKIF_OP_DISCARD), -1);
	assert_int_equal(blkfront_ids_get(&ids, 0xff), -1);
}

static void bad_status(void **state)
{
	const int16_t statuses[] = { BLKIF_RSP_ERROR, 1,	42, -3,
				     INT16_MIN,	      INT16_MAX };
	int a, err;

	(void)state;
	blkfront_ids_init(&ids, 32);
	for (unsigned int i = 0; i < sizeof(statuses) / sizeof(statuses[0]);
	     i++) {
		a = blkfront_ids_get(&ids, BLKIF_OP_READ);
		err = 0;
		assert_int_equal(blkfront_rsp_check(&ids, (uint64_t)a,
						    BLKIF_OP_READ, statuses[i],
						    &err),
				 BLKFRONT_RSP_DONE);
		assert_int_equal(err, -EIO);
	}
	a = blkfront_ids_get(&ids, BLKIF_OP_FLUSH_DISKCACHE);
	assert_int_equal(blkfront_rsp_check(&ids, (uint64_t)a,
					    BLKIF_OP_FLUSH_DISKCACHE,
					    BLKIF_RSP_EOPNOTSUPP, &err),
			 BLKFRONT_RSP_DONE);
	assert_int_equal(err, -EOPNOTSUPP);
}

static void table_full(void **state)
{
	int err;

	(void)state;
	blkfront_ids_init(&ids, 4);
	for (int i = 0; i < 4; i++)
		assert_true(blkfront_ids_get(&ids, BLKIF_OP_WRITE) >= 0);
	assert_int_equal(blkfront_ids_get(&ids, BLKIF_OP_WRITE), -1);
	assert_int_equal(blkfront_rsp_check(&ids, 2, BLKIF_OP_WRITE, 0, &err),
			 BLKFRONT_RSP_DONE);
	assert_int_equal(blkfront_ids_get(&ids, BLKIF_OP_WRITE), 2);
	/* A table asked to be bigger than it can be is capped. */
	blkfront_ids_init(&ids, BLKFRONT_MAX_IDS + 100);
	assert_int_equal(ids.size, BLKFRONT_MAX_IDS);
	assert_int_equal(blkfront_rsp_check(&ids, BLKFRONT_MAX_IDS,
					    BLKIF_OP_READ, 0, &err),
			 BLKFRONT_RSP_BAD_ID);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good_responses),
		cmocka_unit_test(bad_ids),
		cmocka_unit_test(duplicate_id),
		cmocka_unit_test(wrong_or_unknown_op),
		cmocka_unit_test(bad_status),
		cmocka_unit_test(table_full),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
