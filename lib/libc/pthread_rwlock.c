/*
 * pthread read-write locks, on a kernel mutex and condition variable.
 * As glibc's default: readers enter whenever no writer holds the lock
 * (even with writers waiting), a thread that holds it for writing and
 * asks again gets EDEADLK, and timeouts are checked before waiting.
 * Objects made with PTHREAD_RWLOCK_INITIALIZER are created on first use.
 */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include "kernel/sync.h"
#include "lib/libc/deadline.h"
#include "lib/libc/handles.h"

struct prwlock {
	struct mutex guard;
	struct cond changed;
	unsigned long readers;
	struct thread *writer;
};

static struct handle_table rwlocks;

static int rwlock_init_default(uint32_t *id)
{
	return pthread_rwlock_init(id, NULL);
}

static struct prwlock *rwlock_of(pthread_rwlock_t *id)
{
	return handle_get_or_init(&rwlocks, id, rwlock_init_default);
}

int pthread_rwlockattr_init(pthread_rwlockattr_t *attr)
{
	attr->is_initialized = 1;
	return 0;
}

int pthread_rwlockattr_destroy(pthread_rwlockattr_t *attr)
{
	attr->is_initialized = 0;
	return 0;
}

int pthread_rwlock_init(pthread_rwlock_t *id, const pthread_rwlockattr_t *attr)
{
	struct prwlock *rw = calloc(1, sizeof(*rw));

	(void)attr;
	if (!rw)
		return ENOMEM;
	mutex_init(&rw->guard);
	cond_init(&rw->changed);
	return handle_adopt(&rwlocks, rw, id);
}

int pthread_rwlock_destroy(pthread_rwlock_t *id)
{
	struct prwlock *rw = handle_get(&rwlocks, *id);

	if (!rw)
		return *id == HANDLE_UNSET ? 0 : EINVAL;
	if (rw->readers || rw->writer)
		return EBUSY;
	handle_free(&rwlocks, *id);
	free(rw);
	*id = 0;
	return 0;
}

/*
 * Take the lock for reading or writing: wait (unless try) until it is
 * free enough, up to abstime. Every variant of rdlock and wrlock.
 */
static int acquire(pthread_rwlock_t *id, bool write, bool try,
		   const struct timespec *abstime)
{
	struct prwlock *rw = rwlock_of(id);
	uint64_t deadline;
	int rc = 0;

	if (!rw)
		return EINVAL;
	if (abstime && !libc_timespec_valid(abstime))
		return EINVAL;
	if (rw->writer == thread_self())
		return try ? EBUSY : EDEADLK;
	deadline = libc_deadline(abstime);
	mutex_lock(&rw->guard);
	while (!rc && (rw->writer || (write && rw->readers))) {
		if (try)
			rc = EBUSY;
		else if (cond_wait(&rw->changed, &rw->guard, deadline) < 0)
			rc = ETIMEDOUT;
	}
	if (!rc && write)
		rw->writer = thread_self();
	else if (!rc)
		rw->readers++;
	mutex_unlock(&rw->guard);
	return rc;
}

int pthread_rwlock_rdlock(pthread_rwlock_t *id)
{
	return acquire(id, false, false, NULL);
}

int pthread_rwlock_tryrdlock(pthread_rwlock_t *id)
{
	return acquire(id, false, true, NULL);
}

int pthread_rwlock_timedrdlock(pthread_rwlock_t *id,
			       const struct timespec *abstime)
{
	return acquire(id, false, false, abstime);
}

int pthread_rwlock_wrlock(pthread_rwlock_t *id)
{
	return acquire(id, true, false, NULL);
}

int pthread_rwlock_trywrlock(pthread_rwlock_t *id)
{
	return acquire(id, true, true, NULL);
}

int pthread_rwlock_timedwrlock(pthread_rwlock_t *id,
			       const struct timespec *abstime)
{
	return acquire(id, true, false, abstime);
}

int pthread_rwlock_unlock(pthread_rwlock_t *id)
{
	struct prwlock *rw = handle_get(&rwlocks, *id);

	if (!rw)
		return EINVAL;
	mutex_lock(&rw->guard);
	if (rw->writer == thread_self())
		rw->writer = NULL;
	else if (rw->readers)
		rw->readers--;
	else {
		mutex_unlock(&rw->guard);
		return EPERM;
	}
	cond_broadcast(&rw->changed);
	mutex_unlock(&rw->guard);
	return 0;
}

/* One process: shared and private are the same. */
int pthread_rwlockattr_getpshared(const pthread_rwlockattr_t *attr,
				  int *pshared)
{
	(void)attr;
	*pshared = PTHREAD_PROCESS_PRIVATE;
	return 0;
}

int pthread_rwlockattr_setpshared(pthread_rwlockattr_t *attr, int pshared)
{
	(void)attr;
	return pshared == PTHREAD_PROCESS_PRIVATE ||
			       pshared == PTHREAD_PROCESS_SHARED ?
		       0 :
		       EINVAL;
}
