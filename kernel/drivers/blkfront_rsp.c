/*
 * Blkfront's outstanding request ids and the checks every response
 * passes before it completes anything (see blkfront_rsp.h).
 */
#include <stdbool.h>
#include <stdint.h>
#include <xen/xen.h>
#include <xen/io/blkif.h>
#include "kernel/drivers/blkfront_rsp.h"
#include "kernel/lib/errno.h"

void blkfront_ids_init(struct blkfront_ids *ids, unsigned int size)
{
	if (size > BLKFRONT_MAX_IDS)
		size = BLKFRONT_MAX_IDS;
	ids->size = size;
	ids->nr_free = size;
	for (unsigned int i = 0; i < size; i++) {
		/* Lowest ids on top of the stack, for readable traces. */
		ids->free[i] = (uint16_t)(size - 1 - i);
		ids->op[i] = BLKFRONT_ID_FREE;
	}
}

static bool op_known(uint8_t op)
{
	return op == BLKIF_OP_READ || op == BLKIF_OP_WRITE ||
	       op == BLKIF_OP_WRITE_BARRIER || op == BLKIF_OP_FLUSH_DISKCACHE;
}

int blkfront_ids_get(struct blkfront_ids *ids, uint8_t op)
{
	uint16_t id;

	if (!ids->nr_free || !op_known(op))
		return -1;
	id = ids->free[--ids->nr_free];
	ids->op[id] = op;
	return id;
}

unsigned int blkfront_ids_busy(const struct blkfront_ids *ids)
{
	return ids->size - ids->nr_free;
}

static int status_errno(int16_t status)
{
	if (status == BLKIF_RSP_OKAY)
		return 0;
	if (status == BLKIF_RSP_EOPNOTSUPP)
		return -EOPNOTSUPP;
	return -EIO;
}

enum blkfront_verdict blkfront_rsp_check(struct blkfront_ids *ids, uint64_t id,
					 uint8_t op, int16_t status, int *err)
{
	if (id >= ids->size || ids->op[id] == BLKFRONT_ID_FREE)
		return BLKFRONT_RSP_BAD_ID;
	if (ids->op[id] != op)
		return BLKFRONT_RSP_BAD_OP;
	ids->op[id] = BLKFRONT_ID_FREE;
	ids->free[ids->nr_free++] = (uint16_t)id;
	*err = status_errno(status);
	return BLKFRONT_RSP_DONE;
}
