/* The handle tables behind pthread ids; they grow by doubling. */
#include <errno.h>
#include <stdlib.h>
#include "lib/libc/handles.h"

uint32_t handle_new(struct handle_table *t, void *obj)
{
	uint32_t i;

	for (i = 0; i < t->capacity; i++)
		if (!t->slots[i])
			break;
	if (i == t->capacity) {
		uint32_t cap = t->capacity ? t->capacity * 2 : 16;
		void **bigger = realloc(t->slots, cap * sizeof(*bigger));

		if (!bigger || cap >= HANDLE_UNSET / 2)
			return 0;
		for (uint32_t j = t->capacity; j < cap; j++)
			bigger[j] = NULL;
		t->slots = bigger;
		t->capacity = cap;
	}
	t->slots[i] = obj;
	return i + 1;
}

void *handle_get(const struct handle_table *t, uint32_t id)
{
	if (!id || id > t->capacity)
		return NULL;
	return t->slots[id - 1];
}

void handle_free(struct handle_table *t, uint32_t id)
{
	if (id && id <= t->capacity)
		t->slots[id - 1] = NULL;
}

void *handle_get_or_init(struct handle_table *t, uint32_t *id,
			 int (*init)(uint32_t *id))
{
	void *obj = handle_get(t, *id);

	if (obj || *id != HANDLE_UNSET || init(id))
		return obj;
	return handle_get(t, *id);
}

int handle_adopt(struct handle_table *t, void *obj, uint32_t *id)
{
	*id = handle_new(t, obj);
	if (*id)
		return 0;
	free(obj);
	return EAGAIN;
}
