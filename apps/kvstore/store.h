/*
 * store.h: kvstore's data: the table in memory and the log on disk that rebuilds it. A
 * command changes the table at once and adds its record to the log's batch; its reply may be
 * sent only after store_commit() has made the batch durable.
 */
#ifndef KVSTORE_STORE_H
#define KVSTORE_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "log.h"
#include "proto.h"
#include "table.h"

struct store {
	struct kv_table table;
	struct kv_log log;
};

/*
 * Open the log at path and replay it into the table, saying on stdout what was found, and on
 * stderr where and why the log stopped if that was not its clean end. Returns 0 or -errno.
 */
int store_open(struct store *s, const char *path, unsigned align,
	       uint64_t limit);

/*
 * Carry out c (SET, GET or DEL) and write its reply line into reply (KV_REPLY_MAX bytes).
 * Returns the reply's length, or -EAGAIN when the batch is full: commit, then call again.
 */
int store_execute(struct store *s, const struct kv_command *c, char *reply);

/* Make every change so far durable. Returns 0 or -errno. */
static inline int store_commit(struct store *s)
{
	return kv_log_commit(&s->log);
}

#endif
