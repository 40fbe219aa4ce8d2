/*
 * lwIP's operating-system layer (sys_arch) on Petrel's kernel: kernel
 * threads, kernel/sync.h semaphores and mutexes, mailboxes built from
 * two counting semaphores around a ring, and the monotonic clock.
 * Threads are cooperative, so a mailbox's ring needs no lock of its
 * own: nothing switches between a semaphore and the ring update.
 */
#include <errno.h>
#include <stdlib.h>
#include "arch/irq.h"
#include "kernel/entropy.h"
#include "kernel/panic.h"
#include "kernel/sched.h"
#include "kernel/sync.h"
#include "kernel/time.h"
#include "lwip/err.h"
#include "lwip/sys.h"

struct net_mbox {
	struct semaphore items; /* messages queued */
	struct semaphore spaces; /* free slots */
	unsigned int size, head, count;
	void *slots[];
};

#define MBOX_DEFAULT_SIZE 128

struct thread_start {
	lwip_thread_fn fn;
	void *arg;
};

void sys_init(void)
{
}

u32_t sys_now(void)
{
	return (u32_t)(monotonic_ns() / NSEC_PER_MSEC);
}

uint32_t net_random_u32(void)
{
	uint32_t r;

	entropy_fill(&r, sizeof(r));
	return r;
}

sys_prot_t sys_arch_protect(void)
{
	return arch_irq_save();
}

void sys_arch_unprotect(sys_prot_t pval)
{
	arch_irq_restore(pval);
}

/* An absolute deadline for an lwIP timeout in ms (0: wait forever). */
static uint64_t deadline_after_ms(u32_t timeout_ms)
{
	return timeout_ms ? monotonic_ns() + timeout_ms * NSEC_PER_MSEC : 0;
}

/* What sys_arch_*_wait return: the ms waited, or SYS_ARCH_TIMEOUT. */
static u32_t waited_ms(uint64_t start_ns, int ret)
{
	if (ret == -ETIMEDOUT)
		return SYS_ARCH_TIMEOUT;
	return (u32_t)((monotonic_ns() - start_ns) / NSEC_PER_MSEC);
}

err_t sys_sem_new(sys_sem_t *sem, u8_t count)
{
	struct semaphore *s = malloc(sizeof(*s));

	if (!s) {
		*sem = NULL;
		return ERR_MEM;
	}
	semaphore_init(s, count);
	*sem = s;
	return ERR_OK;
}

void sys_sem_free(sys_sem_t *sem)
{
	free(*sem);
	*sem = NULL;
}

void sys_sem_signal(sys_sem_t *sem)
{
	semaphore_up(*sem);
}

u32_t sys_arch_sem_wait(sys_sem_t *sem, u32_t timeout_ms)
{
	uint64_t start = monotonic_ns();

	return waited_ms(start,
			 semaphore_down(*sem, deadline_after_ms(timeout_ms)));
}

err_t sys_mutex_new(sys_mutex_t *mutex)
{
	struct mutex *m = malloc(sizeof(*m));

	if (!m) {
		*mutex = NULL;
		return ERR_MEM;
	}
	mutex_init(m);
	*mutex = m;
	return ERR_OK;
}

void sys_mutex_free(sys_mutex_t *mutex)
{
	free(*mutex);
	*mutex = NULL;
}

void sys_mutex_lock(sys_mutex_t *mutex)
{
	mutex_lock(*mutex);
}

void sys_mutex_unlock(sys_mutex_t *mutex)
{
	mutex_unlock(*mutex);
}

err_t sys_mbox_new(sys_mbox_t *mbox, int size)
{
	unsigned int slots = size > 0 ? (unsigned int)size : MBOX_DEFAULT_SIZE;
	struct net_mbox *mb =
		malloc(sizeof(*mb) + slots * sizeof(mb->slots[0]));

	if (!mb) {
		*mbox = NULL;
		return ERR_MEM;
	}
	semaphore_init(&mb->items, 0);
	semaphore_init(&mb->spaces, slots);
	mb->size = slots;
	mb->head = 0;
	mb->count = 0;
	*mbox = mb;
	return ERR_OK;
}

void sys_mbox_free(sys_mbox_t *mbox)
{
	free(*mbox);
	*mbox = NULL;
}

/* Called with a free slot reserved (spaces taken). */
static void mbox_put(struct net_mbox *mb, void *msg)
{
	mb->slots[(mb->head + mb->count) % mb->size] = msg;
	mb->count++;
	semaphore_up(&mb->items);
}

/* Called with a message reserved (items taken). */
static void *mbox_take(struct net_mbox *mb)
{
	void *msg = mb->slots[mb->head];

	mb->head = (mb->head + 1) % mb->size;
	mb->count--;
	semaphore_up(&mb->spaces);
	return msg;
}

void sys_mbox_post(sys_mbox_t *mbox, void *msg)
{
	semaphore_down(&(*mbox)->spaces, 0);
	mbox_put(*mbox, msg);
}

err_t sys_mbox_trypost(sys_mbox_t *mbox, void *msg)
{
	if (!semaphore_trydown(&(*mbox)->spaces))
		return ERR_MEM;
	mbox_put(*mbox, msg);
	return ERR_OK;
}

err_t sys_mbox_trypost_fromisr(sys_mbox_t *mbox, void *msg)
{
	return sys_mbox_trypost(mbox, msg);
}

u32_t sys_arch_mbox_fetch(sys_mbox_t *mbox, void **msg, u32_t timeout_ms)
{
	uint64_t start = monotonic_ns();
	int ret =
		semaphore_down(&(*mbox)->items, deadline_after_ms(timeout_ms));
	void *m;

	if (ret == 0) {
		m = mbox_take(*mbox);
		if (msg)
			*msg = m;
	}
	return waited_ms(start, ret);
}

u32_t sys_arch_mbox_tryfetch(sys_mbox_t *mbox, void **msg)
{
	void *m;

	if (!semaphore_trydown(&(*mbox)->items))
		return SYS_MBOX_EMPTY;
	m = mbox_take(*mbox);
	if (msg)
		*msg = m;
	return 0;
}

static void *thread_trampoline(void *arg)
{
	struct thread_start start = *(struct thread_start *)arg;

	free(arg);
	start.fn(start.arg);
	return NULL;
}

sys_thread_t sys_thread_new(const char *name, lwip_thread_fn fn, void *arg,
			    int stacksize, int prio)
{
	struct thread_start *start = malloc(sizeof(*start));
	struct thread *t;
	size_t stack = stacksize > 0 ? (size_t)stacksize : THREAD_STACK_DEFAULT;

	(void)prio;
	if (!start)
		panic("lwIP: no memory for thread %s", name);
	start->fn = fn;
	start->arg = arg;
	if (thread_create_sized(&t, name, thread_trampoline, start, stack) < 0)
		panic("lwIP: cannot start thread %s", name);
	thread_detach(t);
	return t;
}
