/*
 * pthread barriers, on a kernel mutex and condition variable. The last
 * thread to arrive opens the barrier for its round (a new generation)
 * and is the one that gets PTHREAD_BARRIER_SERIAL_THREAD.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include "kernel/sync.h"
#include "lib/libc/handles.h"

struct pbarrier {
	struct mutex guard;
	struct cond opened;
	unsigned int count;
	unsigned int waiting;
	unsigned long generation;
};

static struct handle_table barriers;

int pthread_barrierattr_init(pthread_barrierattr_t *attr)
{
	attr->is_initialized = 1;
	return 0;
}

int pthread_barrierattr_destroy(pthread_barrierattr_t *attr)
{
	attr->is_initialized = 0;
	return 0;
}

int pthread_barrier_init(pthread_barrier_t *id,
			 const pthread_barrierattr_t *attr, unsigned int count)
{
	struct pbarrier *b;

	(void)attr;
	if (!count)
		return EINVAL;
	b = calloc(1, sizeof(*b));
	if (!b)
		return ENOMEM;
	mutex_init(&b->guard);
	cond_init(&b->opened);
	b->count = count;
	return handle_adopt(&barriers, b, id);
}

int pthread_barrier_destroy(pthread_barrier_t *id)
{
	struct pbarrier *b = handle_get(&barriers, *id);

	if (!b)
		return EINVAL;
	if (b->waiting)
		return EBUSY;
	handle_free(&barriers, *id);
	free(b);
	*id = 0;
	return 0;
}

int pthread_barrier_wait(pthread_barrier_t *id)
{
	struct pbarrier *b = handle_get(&barriers, *id);
	unsigned long generation;

	if (!b)
		return EINVAL;
	mutex_lock(&b->guard);
	generation = b->generation;
	if (++b->waiting == b->count) {
		b->waiting = 0;
		b->generation++;
		cond_broadcast(&b->opened);
		mutex_unlock(&b->guard);
		return PTHREAD_BARRIER_SERIAL_THREAD;
	}
	while (generation == b->generation)
		cond_wait(&b->opened, &b->guard, 0);
	mutex_unlock(&b->guard);
	return 0;
}

/* One process: shared and private are the same. */
int pthread_barrierattr_getpshared(const pthread_barrierattr_t *attr,
				   int *pshared)
{
	(void)attr;
	*pshared = PTHREAD_PROCESS_PRIVATE;
	return 0;
}

int pthread_barrierattr_setpshared(pthread_barrierattr_t *attr, int pshared)
{
	(void)attr;
	return pshared == PTHREAD_PROCESS_PRIVATE ||
			       pshared == PTHREAD_PROCESS_SHARED ?
		       0 :
		       EINVAL;
}
