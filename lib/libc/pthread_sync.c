/*
 * pthread mutexes (normal, error-checking, recursive) and condition
 * variables, on the kernel's mutex and cond. Objects made with the
 * static initializers are created on first use.
 */
#include <errno.h>
#include <stdbool.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include "kernel/sync.h"
#include "lib/libc/deadline.h"
#include "lib/libc/handles.h"

struct pmutex {
	struct mutex m;
	int type;
	unsigned long depth; /* recursive locks held by the owner */
};

static struct handle_table mutexes, conds;

static int mutex_init_default(uint32_t *id)
{
	return pthread_mutex_init(id, NULL);
}

static int cond_init_default(uint32_t *id)
{
	return pthread_cond_init(id, NULL);
}

static struct pmutex *pmutex_of(pthread_mutex_t *id, int create)
{
	if (!create)
		return handle_get(&mutexes, *id);
	return handle_get_or_init(&mutexes, id, mutex_init_default);
}

int pthread_mutexattr_init(pthread_mutexattr_t *attr)
{
	attr->is_initialized = 1;
	attr->type = PTHREAD_MUTEX_DEFAULT;
	return 0;
}

int pthread_mutexattr_destroy(pthread_mutexattr_t *attr)
{
	attr->is_initialized = 0;
	return 0;
}

int pthread_mutexattr_settype(pthread_mutexattr_t *attr, int type)
{
	if (type != PTHREAD_MUTEX_NORMAL && type != PTHREAD_MUTEX_RECURSIVE &&
	    type != PTHREAD_MUTEX_ERRORCHECK && type != PTHREAD_MUTEX_DEFAULT)
		return EINVAL;
	attr->type = type;
	return 0;
}

int pthread_mutex_init(pthread_mutex_t *id, const pthread_mutexattr_t *attr)
{
	struct pmutex *pm = calloc(1, sizeof(*pm));

	if (!pm)
		return ENOMEM;
	mutex_init(&pm->m);
	pm->type = attr ? attr->type : PTHREAD_MUTEX_DEFAULT;
	return handle_adopt(&mutexes, pm, id);
}

int pthread_mutex_destroy(pthread_mutex_t *id)
{
	struct pmutex *pm = pmutex_of(id, 0);

	if (!pm)
		return *id == HANDLE_UNSET ? 0 : EINVAL;
	if (pm->m.owner)
		return EBUSY;
	handle_free(&mutexes, *id);
	free(pm);
	*id = 0;
	return 0;
}

/* Returns 0 when the caller already holds a recursive mutex (counted). */
static int relock(struct pmutex *pm)
{
	if (pm->m.owner != thread_self())
		return -1;
	if (pm->type == PTHREAD_MUTEX_RECURSIVE) {
		pm->depth++;
		return 0;
	}
	return EDEADLK;
}

/* lock and trylock: the same steps, except whether to wait. */
static int acquire(pthread_mutex_t *id, bool wait)
{
	struct pmutex *pm = pmutex_of(id, 1);
	int rc;

	if (!pm)
		return EINVAL;
	rc = relock(pm);
	if (rc >= 0)
		return rc && !wait ? EBUSY : rc;
	if (wait)
		mutex_lock(&pm->m);
	else if (!mutex_trylock(&pm->m))
		return EBUSY;
	pm->depth = 1;
	return 0;
}

int pthread_mutex_lock(pthread_mutex_t *id)
{
	return acquire(id, true);
}

int pthread_mutex_trylock(pthread_mutex_t *id)
{
	return acquire(id, false);
}

int pthread_mutex_unlock(pthread_mutex_t *id)
{
	struct pmutex *pm = pmutex_of(id, 0);

	if (!pm || pm->m.owner != thread_self())
		return EPERM;
	if (--pm->depth)
		return 0;
	mutex_unlock(&pm->m);
	return 0;
}

static struct cond *cond_of(pthread_cond_t *id)
{
	return handle_get_or_init(&conds, id, cond_init_default);
}

int pthread_condattr_init(pthread_condattr_t *attr)
{
	attr->is_initialized = 1;
	return 0;
}

int pthread_condattr_destroy(pthread_condattr_t *attr)
{
	attr->is_initialized = 0;
	return 0;
}

int pthread_cond_init(pthread_cond_t *id, const pthread_condattr_t *attr)
{
	struct cond *c = calloc(1, sizeof(*c));

	(void)attr;
	if (!c)
		return ENOMEM;
	cond_init(c);
	return handle_adopt(&conds, c, id);
}

int pthread_cond_destroy(pthread_cond_t *id)
{
	struct cond *c = handle_get(&conds, *id);

	if (!c)
		return *id == HANDLE_UNSET ? 0 : EINVAL;
	handle_free(&conds, *id);
	free(c);
	*id = 0;
	return 0;
}

static int wait_on(pthread_cond_t *cid, pthread_mutex_t *mid,
		   const struct timespec *abstime)
{
	struct cond *c = cond_of(cid);
	struct pmutex *pm = pmutex_of(mid, 0);
	unsigned long depth;
	int rc;

	if (!c || !pm)
		return EINVAL;
	if (abstime && !libc_timespec_valid(abstime))
		return EINVAL;
	if (pm->m.owner != thread_self())
		return EPERM;
	depth = pm->depth;
	rc = cond_wait(c, &pm->m, libc_deadline(abstime));
	pm->depth = depth;
	return rc == -ETIMEDOUT ? ETIMEDOUT : -rc;
}

int pthread_cond_wait(pthread_cond_t *cid, pthread_mutex_t *mid)
{
	return wait_on(cid, mid, NULL);
}

int pthread_cond_timedwait(pthread_cond_t *cid, pthread_mutex_t *mid,
			   const struct timespec *abstime)
{
	return wait_on(cid, mid, abstime);
}

int pthread_cond_signal(pthread_cond_t *id)
{
	struct cond *c = cond_of(id);

	if (!c)
		return EINVAL;
	cond_signal(c);
	return 0;
}

int pthread_cond_broadcast(pthread_cond_t *id)
{
	struct cond *c = cond_of(id);

	if (!c)
		return EINVAL;
	cond_broadcast(c);
	return 0;
}
