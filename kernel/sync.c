/*
 * Mutex, condition variable and semaphore on wait queues. Checking the
 * condition and going to sleep happen with events masked, and threads
 * are cooperative, so no wake-up can slip in between.
 */
#include "arch/irq.h"
#include "kernel/lib/errno.h"
#include "kernel/sync.h"

void mutex_init(struct mutex *m)
{
	m->owner = NULL;
	wait_queue_init(&m->waiters);
}

void mutex_lock(struct mutex *m)
{
	unsigned long flags = arch_irq_save();

	while (m->owner)
		wait_queue_sleep(&m->waiters, 0);
	m->owner = thread_self();
	arch_irq_restore(flags);
}

bool mutex_trylock(struct mutex *m)
{
	unsigned long flags = arch_irq_save();
	bool taken = !m->owner;

	if (taken)
		m->owner = thread_self();
	arch_irq_restore(flags);
	return taken;
}

int mutex_unlock(struct mutex *m)
{
	if (m->owner != thread_self())
		return -EPERM;
	m->owner = NULL;
	wake_up_one(&m->waiters);
	return 0;
}

void cond_init(struct cond *c)
{
	wait_queue_init(&c->waiters);
}

int cond_wait(struct cond *c, struct mutex *m, uint64_t deadline_ns)
{
	unsigned long flags = arch_irq_save();
	bool woken;
	int rc = mutex_unlock(m);

	if (rc < 0) {
		arch_irq_restore(flags);
		return rc;
	}
	woken = wait_queue_sleep(&c->waiters, deadline_ns);
	arch_irq_restore(flags);
	mutex_lock(m);
	return woken ? 0 : -ETIMEDOUT;
}

void cond_signal(struct cond *c)
{
	wake_up_one(&c->waiters);
}

void cond_broadcast(struct cond *c)
{
	wake_up_all(&c->waiters);
}

void semaphore_init(struct semaphore *s, unsigned long count)
{
	s->count = count;
	wait_queue_init(&s->waiters);
}

int semaphore_down(struct semaphore *s, uint64_t deadline_ns)
{
	unsigned long flags = arch_irq_save();
	int rc = 0;

	while (!s->count && !rc)
		if (!wait_queue_sleep(&s->waiters, deadline_ns))
			rc = -ETIMEDOUT;
	if (!rc)
		s->count--;
	arch_irq_restore(flags);
	return rc;
}

bool semaphore_trydown(struct semaphore *s)
{
	unsigned long flags = arch_irq_save();
	bool taken = s->count > 0;

	if (taken)
		s->count--;
	arch_irq_restore(flags);
	return taken;
}

void semaphore_up(struct semaphore *s)
{
	unsigned long flags = arch_irq_save();

	s->count++;
	wake_up_one(&s->waiters);
	arch_irq_restore(flags);
}
