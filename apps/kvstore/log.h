/*
 * log.h: kvstore's append-only log on a disk (a raw block device such as /dev/xvda, or a plain
 * file): replay at open, records appended to a batch, and a commit that writes the batch after
 * the last good record and makes it durable (fsync) before anything is acknowledged.
 */
#ifndef KVSTORE_LOG_H
#define KVSTORE_LOG_H

#include <stddef.h>
#include <stdint.h>

#include "record.h"

struct kv_log {
	int fd;
	uint64_t tail; /* where the next commit is written */
	uint64_t capacity; /* bytes the log may use; 0: no limit (a growing file) */
	unsigned align; /* each commit ends on a multiple of this */
	uint64_t seq; /* the last record's (batched or committed) */
	uint32_t crc;
	unsigned char *batch; /* records not yet committed */
	size_t batch_len, batch_cap;
};

/* Where and why replay stopped. */
struct kv_replay {
	uint64_t records; /* good records, PAD ones included */
	uint64_t end; /* the offset just past the last good record */
	enum kv_rec_status stop; /* KV_REC_END: a clean end */
	int stale; /* stop is KV_REC_OK: a good record that does not follow */
};

/*
 * Open the log at path (created if it is a missing plain file). A commit pads to align bytes
 * (0: the disk's sector size, see log.c; 1: no padding), so no commit rewrites a sector that holds an acknowledged record. limit, if
 * not 0, caps the bytes used. Returns 0 or -errno.
 */
int kv_log_open(struct kv_log *log, const char *path, unsigned align,
		uint64_t limit);

/*
 * Read the log from its start, calling apply for each good record (PAD ones too) until the
 * first that is not: the clean end, a torn or corrupt record, or one left over from an
 * older log. New records go where it stopped. Returns 0, -errno from reading, or apply's.
 */
int kv_log_replay(struct kv_log *log,
		  int (*apply)(void *ctx, const struct kv_record *r), void *ctx,
		  struct kv_replay *rep);

/*
 * Add a SET or DEL record to the batch. Returns 0, -ENOSPC when the log is full, or -EAGAIN
 * when the batch is: commit, then try again.
 */
int kv_log_append(struct kv_log *log, enum kv_op op, const void *key,
		  size_t key_len, const void *value, size_t value_len);

/* Write the batch and fsync. Returns 0 or -errno (the batch is then not durable). */
int kv_log_commit(struct kv_log *log);

static inline int kv_log_pending(const struct kv_log *log)
{
	return log->batch_len != 0;
}

#endif
