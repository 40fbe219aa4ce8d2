/* table.h: kvstore's in-memory map from keys to values (byte strings), a chained hash table. */
#ifndef KVSTORE_TABLE_H
#define KVSTORE_TABLE_H

#include <stddef.h>

struct kv_entry {
	struct kv_entry *next;
	size_t key_len, value_len;
	unsigned char data[]; /* the key, then the value */
};

struct kv_table {
	struct kv_entry **buckets;
	size_t nbuckets; /* a power of two */
	size_t count;
};

/* Returns 0, or -ENOMEM. */
int kv_table_init(struct kv_table *t);

/* A new entry, not yet in any table (NULL: out of memory). */
struct kv_entry *kv_entry_new(const void *key, size_t key_len,
			      const void *value, size_t value_len);

static inline const void *kv_entry_value(const struct kv_entry *e)
{
	return e->data + e->key_len;
}

/* Put e in t, replacing (and freeing) an entry with the same key. Never fails. */
void kv_table_put(struct kv_table *t, struct kv_entry *e);

/* The entry for key, or NULL. */
const struct kv_entry *kv_table_get(const struct kv_table *t, const void *key,
				    size_t key_len);

/* Remove and free key's entry. Returns 1 if there was one, else 0. */
int kv_table_del(struct kv_table *t, const void *key, size_t key_len);

#endif
