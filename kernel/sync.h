/*
 * Blocking synchronisation for cooperative threads: mutex, condition
 * variable, counting semaphore. Deadlines are absolute monotonic ns,
 * 0 meaning none.
 */
#ifndef KERNEL_SYNC_H
#define KERNEL_SYNC_H

#include <stdbool.h>
#include <stdint.h>
#include "kernel/sched.h"

struct mutex {
	struct thread *owner;
	struct wait_queue waiters;
};

struct cond {
	struct wait_queue waiters;
};

struct semaphore {
	unsigned long count;
	struct wait_queue waiters;
};

void mutex_init(struct mutex *m);
void mutex_lock(struct mutex *m);
bool mutex_trylock(struct mutex *m);
/* -EPERM if the caller does not hold it. */
int mutex_unlock(struct mutex *m);

void cond_init(struct cond *c);
/* Returns 0, or -ETIMEDOUT; m is held again on return either way. */
int cond_wait(struct cond *c, struct mutex *m, uint64_t deadline_ns);
void cond_signal(struct cond *c);
void cond_broadcast(struct cond *c);

void semaphore_init(struct semaphore *s, unsigned long count);
/* Returns 0, or -ETIMEDOUT. */
int semaphore_down(struct semaphore *s, uint64_t deadline_ns);
/* Take one without waiting; false when the count is 0. */
bool semaphore_trydown(struct semaphore *s);
void semaphore_up(struct semaphore *s);

#endif
