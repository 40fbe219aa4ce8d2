/* store.c: kvstore's table and log together (see store.h). */
#include "store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Replay: one record into the table. */
static int apply(void *ctx, const struct kv_record *r)
{
	struct kv_table *t = ctx;
	struct kv_entry *e;

	if (r->op == KV_OP_DEL) {
		kv_table_del(t, r->key, r->key_len);
	} else if (r->op == KV_OP_SET) {
		e = kv_entry_new(r->key, r->key_len, r->value, r->value_len);
		if (!e)
			return -ENOMEM;
		kv_table_put(t, e);
	}
	return 0;
}

static void report(const char *path, const struct kv_replay *rep,
		   const struct store *s)
{
	if (rep->stop != KV_REC_END)
		fprintf(stderr,
			"kvstore: log %s: bad record at offset %llu: %s; "
			"skipping the rest of the log, new records go there\n",
			path, (unsigned long long)rep->end,
			rep->stale ?
				"left from an older log (out of sequence)" :
				kv_rec_status_text(rep->stop));
	printf("kvstore: log %s: %llu records replayed, %zu keys, "
	       "next record at offset %llu\n",
	       path, (unsigned long long)rep->records, s->table.count,
	       (unsigned long long)rep->end);
}

int store_open(struct store *s, const char *path, unsigned align,
	       uint64_t limit)
{
	struct kv_replay rep;
	int rc = kv_table_init(&s->table);

	if (rc == 0)
		rc = kv_log_open(&s->log, path, align, limit);
	if (rc == 0)
		rc = kv_log_replay(&s->log, apply, &s->table, &rep);
	if (rc == 0)
		report(path, &rep, s);
	return rc;
}

static int reply_text(char *reply, const char *text)
{
	size_t n = strlen(text);

	memcpy(reply, text, n);
	reply[n] = '\n';
	return n + 1;
}

static int error_reply(char *reply, int err)
{
	return reply_text(reply, err == -ENOSPC ? "ERR log full" :
				 err == -ENOMEM ? "ERR out of memory" :
						  "ERR cannot log this");
}

static int set(struct store *s, const struct kv_command *c, char *reply)
{
	struct kv_entry *e =
		kv_entry_new(c->key, c->key_len, c->value, c->value_len);
	int rc;

	if (!e)
		return error_reply(reply, -ENOMEM);
	rc = kv_log_append(&s->log, KV_OP_SET, c->key, c->key_len, c->value,
			   c->value_len);
	if (rc < 0) {
		free(e);
		return rc == -EAGAIN ? rc : error_reply(reply, rc);
	}
	kv_table_put(&s->table, e);
	return reply_text(reply, "OK");
}

static int get(struct store *s, const struct kv_command *c, char *reply)
{
	const struct kv_entry *e = kv_table_get(&s->table, c->key, c->key_len);

	if (!e)
		return reply_text(reply, "NOTFOUND");
	/* Only a log written with other limits could hold one. */
	if (e->value_len > KV_VALUE_MAX)
		return reply_text(reply, "ERR value too long to send");
	memcpy(reply, "VALUE ", 6);
	memcpy(reply + 6, kv_entry_value(e), e->value_len);
	reply[6 + e->value_len] = '\n';
	return 7 + e->value_len;
}

static int del(struct store *s, const struct kv_command *c, char *reply)
{
	int rc;

	if (!kv_table_get(&s->table, c->key, c->key_len))
		return reply_text(reply, "NOTFOUND");
	rc = kv_log_append(&s->log, KV_OP_DEL, c->key, c->key_len, NULL, 0);
	if (rc < 0)
		return rc == -EAGAIN ? rc : error_reply(reply, rc);
	kv_table_del(&s->table, c->key, c->key_len);
	return reply_text(reply, "OK");
}

int store_execute(struct store *s, const struct kv_command *c, char *reply)
{
	switch (c->verb) {
	case KV_SET:
		return set(s, c, reply);
	case KV_GET:
		return get(s, c, reply);
	case KV_DEL:
		return del(s, c, reply);
	default:
		return reply_text(reply, "ERR not a data command");
	}
}
