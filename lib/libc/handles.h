/*
 * Small-integer handles for objects newlib's pthread types name by id
 * (pthread_mutex_t and friends are 32-bit integers). Ids start at 1;
 * the POSIX static initializers are 0xFFFFFFFF, meaning "not created
 * yet".
 */
#ifndef LIB_LIBC_HANDLES_H
#define LIB_LIBC_HANDLES_H

#include <stdint.h>

#define HANDLE_UNSET 0xFFFFFFFFu

struct handle_table {
	void **slots;
	uint32_t capacity;
};

/* Store obj under a new id; 0 when the table cannot grow. */
uint32_t handle_new(struct handle_table *t, void *obj);
void *handle_get(const struct handle_table *t, uint32_t id);

/*
 * The object behind *id; when *id still holds the static initializer,
 * init(id) creates it first (pthread objects made with
 * PTHREAD_*_INITIALIZER come to life on first use).
 */
void *handle_get_or_init(struct handle_table *t, uint32_t *id,
			 int (*init)(uint32_t *id));

/* Give obj (malloc'd) an id in *id: 0, or EAGAIN after freeing obj. */
int handle_adopt(struct handle_table *t, void *obj, uint32_t *id);
void handle_free(struct handle_table *t, uint32_t id);

#endif
