/*
 * pthread spin locks. Petrel's threads are cooperative, so spinning on a
 * lock another thread holds would never let it go: a contended lock
 * yields until the holder has released it.
 */
#include <errno.h>
#include <pthread.h>
#include "kernel/sched.h"

int pthread_spin_init(pthread_spinlock_t *lock, int pshared)
{
	(void)pshared;
	__atomic_store_n(lock, 0, __ATOMIC_RELEASE);
	return 0;
}

int pthread_spin_destroy(pthread_spinlock_t *lock)
{
	(void)lock;
	return 0;
}

int pthread_spin_trylock(pthread_spinlock_t *lock)
{
	return __atomic_exchange_n(lock, 1, __ATOMIC_ACQUIRE) ? EBUSY : 0;
}

int pthread_spin_lock(pthread_spinlock_t *lock)
{
	while (pthread_spin_trylock(lock))
		thread_yield();
	return 0;
}

int pthread_spin_unlock(pthread_spinlock_t *lock)
{
	__atomic_store_n(lock, 0, __ATOMIC_RELEASE);
	return 0;
}
