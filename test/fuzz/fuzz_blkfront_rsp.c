/*
 * Fuzzes blkfront's request ids and its judgement of the backend's
 * responses (kernel/drivers/blkfront_rsp.c), as the driver uses them:
 * the input is a script of requests taken (any operation code) and
 * responses read from the ring (any id, operation and status), checked
 * against an independent model of which ids are outstanding. Asserts,
 * besides no sanitizer report:
 *  - a new id is below the ring size and not outstanding, and none is
 *    given out when all are busy or the operation is not one blkfront
 *    sends;
 *  - a response completes a request only if its id is outstanding for
 *    that very operation (so never twice), and then frees exactly that
 *    id, with 0, -EOPNOTSUPP or -EIO as its status says; any other
 *    response changes nothing;
 *  - blkfront_ids_busy() always equals the model's count.
 */
#include <stdbool.h>
#include <stdint.h>
#include <xen/xen.h>
#include <xen/io/blkif.h>

#include "kernel/drivers/blkfront_rsp.h"
#include "kernel/lib/errno.h"
#include "fuzz.h"

struct model {
	unsigned int size, busy;
	int op[BLKFRONT_MAX_IDS]; /* -1: free */
};

static bool op_sent(uint8_t op)
{
	return op == BLKIF_OP_READ || op == BLKIF_OP_WRITE ||
	       op == BLKIF_OP_WRITE_BARRIER || op == BLKIF_OP_FLUSH_DISKCACHE;
}

static void take_id(struct blkfront_ids *ids, struct model *m, uint8_t op)
{
	int id = blkfront_ids_get(ids, op);

	if (!op_sent(op) || m->busy == m->size) {
		FUZZ_CHECK(id == -1);
		return;
	}
	FUZZ_CHECK(id >= 0 && (unsigned int)id < m->size && m->op[id] < 0);
	m->op[id] = op;
	m->busy++;
}

static int status_result(int16_t status)
{
	if (status == BLKIF_RSP_OKAY)
		return 0;
	return status == BLKIF_RSP_EOPNOTSUPP ? -EOPNOTSUPP : -EIO;
}

static void respond(struct blkfront_ids *ids, struct model *m, uint64_t id,
		    uint8_t op, int16_t status)
{
	static struct blkfront_ids before;
	enum blkfront_verdict v;
	int err = 1;

	before = *ids;
	v = blkfront_rsp_check(ids, id, op, status, &err);
	if (id >= m->size || m->op[id] < 0) {
		FUZZ_CHECK(v == BLKFRONT_RSP_BAD_ID);
	} else if (m->op[id] != op) {
		FUZZ_CHECK(v == BLKFRONT_RSP_BAD_OP);
	} else {
		FUZZ_CHECK(v == BLKFRONT_RSP_DONE);
		FUZZ_CHECK(err == status_result(status));
		m->op[id] = -1;
		m->busy--;
		return;
	}
	FUZZ_CHECK(err == 1 && !memcmp(&before, ids, sizeof(before)));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = { data, size };
	static struct blkfront_ids ids;
	static struct model m;
	unsigned int ring = fuzz_u16(&in) % (BLKFRONT_MAX_IDS + 64);

	blkfront_ids_init(&ids, ring);
	m.size = ring < BLKFRONT_MAX_IDS ? ring : BLKFRONT_MAX_IDS;
	m.busy = 0;
	for (unsigned int i = 0; i < BLKFRONT_MAX_IDS; i++)
		m.op[i] = -1;
	while (!fuzz_done(&in)) {
		uint8_t what = fuzz_u8(&in);
		uint8_t op = fuzz_u8(&in) % 8;

		if (what & 1) {
			take_id(&ids, &m, op);
		} else {
			/* Mostly small ids, sometimes any 64-bit value. */
			uint64_t id = what & 2 ? fuzz_u64(&in) : fuzz_u16(&in);
			int16_t status = (int16_t)fuzz_u16(&in);

			respond(&ids, &m, id, op, status);
		}
		FUZZ_CHECK(blkfront_ids_busy(&ids) == m.busy);
	}
	return 0;
}
