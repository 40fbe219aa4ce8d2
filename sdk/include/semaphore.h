/*
 * POSIX unnamed semaphores (sem_init and friends) for Petrel's threads.
 * A sem_t holds the semaphore itself, so sem_init cannot run out of
 * memory; pshared is accepted (there is only one process). Named
 * semaphores (sem_open) need a filesystem and are not provided.
 */
#ifndef _SEMAPHORE_H
#define _SEMAPHORE_H

#include <sys/_timespec.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
	unsigned long __opaque[4];
} sem_t;

#ifndef SEM_VALUE_MAX
#define SEM_VALUE_MAX 2147483647
#endif

int sem_init(sem_t *sem, int pshared, unsigned int value);
int sem_destroy(sem_t *sem);
int sem_wait(sem_t *sem);
int sem_trywait(sem_t *sem);
int sem_timedwait(sem_t *__restrict sem,
		  const struct timespec *__restrict abstime);
int sem_post(sem_t *sem);
int sem_getvalue(sem_t *__restrict sem, int *__restrict value);

#ifdef __cplusplus
}
#endif

#endif
