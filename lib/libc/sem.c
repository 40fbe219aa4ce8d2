/*
 * POSIX unnamed semaphores on the kernel's counting semaphore, which
 * lives inside the sem_t itself. Errors as glibc gives them: EINVAL for
 * a value over SEM_VALUE_MAX or a bad timeout, EAGAIN from trywait,
 * ETIMEDOUT, EOVERFLOW from a post that would pass SEM_VALUE_MAX.
 */
#include <errno.h>
#include <semaphore.h>
#include "kernel/sync.h"
#include "lib/libc/deadline.h"
#include "lib/libc/errno.h"

_Static_assert(sizeof(struct semaphore) <= sizeof(sem_t),
	       "sem_t too small for the kernel semaphore");
_Static_assert(_Alignof(struct semaphore) <= _Alignof(sem_t),
	       "sem_t less aligned than the kernel semaphore");

static struct semaphore *sem_of(sem_t *sem)
{
	return (struct semaphore *)sem;
}

static int fail(int err)
{
	libc_set_errno(err);
	return -1;
}

int sem_init(sem_t *sem, int pshared, unsigned int value)
{
	(void)pshared; /* one process: shared and private are the same */
	if (value > SEM_VALUE_MAX)
		return fail(EINVAL);
	semaphore_init(sem_of(sem), value);
	return 0;
}

int sem_destroy(sem_t *sem)
{
	(void)sem;
	return 0;
}

int sem_wait(sem_t *sem)
{
	semaphore_down(sem_of(sem), 0);
	return 0;
}

int sem_trywait(sem_t *sem)
{
	return semaphore_trydown(sem_of(sem)) ? 0 : fail(EAGAIN);
}

int sem_timedwait(sem_t *restrict sem, const struct timespec *restrict abstime)
{
	if (!libc_timespec_valid(abstime))
		return fail(EINVAL);
	if (semaphore_down(sem_of(sem), libc_deadline(abstime)) < 0)
		return fail(ETIMEDOUT);
	return 0;
}

int sem_post(sem_t *sem)
{
	if (sem_of(sem)->count >= SEM_VALUE_MAX)
		return fail(EOVERFLOW);
	semaphore_up(sem_of(sem));
	return 0;
}

int sem_getvalue(sem_t *restrict sem, int *restrict value)
{
	*value = (int)sem_of(sem)->count;
	return 0;
}
