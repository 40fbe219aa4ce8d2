/*
 * table.c: kvstore's hash table: FNV-1a hashes, chains, and doubling once there are more
 * entries than buckets. A failed resize only leaves the chains longer, so putting an entry
 * (whose memory is already allocated) cannot fail after its record is logged.
 */
#include "table.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FIRST_BUCKETS 1024

static uint64_t hash(const void *key, size_t len)
{
	const unsigned char *p = key;
	uint64_t h = 0xcbf29ce484222325ull;

	while (len--)
		h = (h ^ *p++) * 0x100000001b3ull;
	return h;
}

int kv_table_init(struct kv_table *t)
{
	t->buckets = calloc(FIRST_BUCKETS, sizeof(*t->buckets));
	t->nbuckets = FIRST_BUCKETS;
	t->count = 0;
	return t->buckets ? 0 : -ENOMEM;
}

struct kv_entry *kv_entry_new(const void *key, size_t key_len,
			      const void *value, size_t value_len)
{
	struct kv_entry *e = malloc(sizeof(*e) + key_len + value_len);

	if (!e)
		return NULL;
	e->next = NULL;
	e->key_len = key_len;
	e->value_len = value_len;
	memcpy(e->data, key, key_len);
	memcpy(e->data + key_len, value, value_len);
	return e;
}

static struct kv_entry **slot(const struct kv_table *t, const void *key,
			      size_t key_len)
{
	struct kv_entry **pp =
		&t->buckets[hash(key, key_len) & (t->nbuckets - 1)];

	while (*pp && !((*pp)->key_len == key_len &&
			!memcmp((*pp)->data, key, key_len)))
		pp = &(*pp)->next;
	return pp;
}

static void grow(struct kv_table *t)
{
	size_t n = t->nbuckets * 2;
	struct kv_entry **b = calloc(n, sizeof(*b));

	if (!b)
		return;
	for (size_t i = 0; i < t->nbuckets; i++) {
		struct kv_entry *e = t->buckets[i], *next;

		for (; e; e = next) {
			size_t h = hash(e->data, e->key_len) & (n - 1);

			next = e->next;
			e->next = b[h];
			b[h] = e;
		}
	}
	free(t->buckets);
	t->buckets = b;
	t->nbuckets = n;
}

void kv_table_put(struct kv_table *t, struct kv_entry *e)
{
	struct kv_entry **pp = slot(t, e->data, e->key_len);

	if (*pp) {
		e->next = (*pp)->next;
		free(*pp);
		*pp = e;
		return;
	}
	e->next = NULL;
	*pp = e;
	if (++t->count > t->nbuckets)
		grow(t);
}

const struct kv_entry *kv_table_get(const struct kv_table *t, const void *key,
				    size_t key_len)
{
	return *slot(t, key, key_len);
}

int kv_table_del(struct kv_table *t, const void *key, size_t key_len)
{
	struct kv_entry **pp = slot(t, key, key_len), *e = *pp;

	if (!e)
		return 0;
	*pp = e->next;
	free(e);
	t->count--;
	return 1;
}
