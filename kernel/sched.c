/*
 * The scheduler: a FIFO run queue, a timer queue, and the idle loop.
 * All run-queue, wait-queue and timer state is shared with event
 * handlers, so it is only touched with events masked.
 */
#include <stddef.h>
#include "arch/irq.h"
#include "arch/layout.h"
#include "arch/mm.h"
#include "arch/thread.h"
#include "kernel/lib/errno.h"
#include "kernel/lib/string.h"
#include "kernel/mm/kmalloc.h"
#include "kernel/mm/mm.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "kernel/tls.h"

#define STACK_CANARY 0x57ac4ca9a7d5e11fULL

enum thread_state { THREAD_RUNNABLE, THREAD_BLOCKED, THREAD_EXITED };

struct thread {
	unsigned long sp;
	enum thread_state state;
	char name[THREAD_NAME_MAX];
	struct list_head queue_link; /* run queue or a wait queue */
	struct list_head all_link;
	struct sched_timer wake_timer;
	bool timed_out;
	void *stack; /* lowest page is the guard; NULL: boot stack */
	unsigned long stack_pages; /* with the guard and the TLS area */
	unsigned long tls_base; /* the FS base; 0: no TLS */
	void *(*fn)(void *);
	void *arg;
	void *retval;
	bool detached;
	struct wait_queue joiners;
	void *local;
};

static struct thread boot_thread, *idle_thread, *current;
/*
 * The running thread's name, kept where a debugger (the runner, through
 * xenctx) finds it by symbol after Xen killed the domain: a stack that
 * runs into its guard page leaves the guest no way to report itself.
 */
char sched_running_name[THREAD_NAME_MAX];
/* The FS base last loaded, so switches between TLS-less threads skip it. */
static unsigned long loaded_tls_base;
static struct list_head run_queue, all_threads, dead_threads;
static struct timer_queue timers;
static void (*switch_hook)(void *next_local);

void thread_set_local(struct thread *t, void *local)
{
	t->local = local;
}

void *thread_get_local(const struct thread *t)
{
	return t->local;
}

void sched_set_switch_hook(void (*fn)(void *next_local))
{
	switch_hook = fn;
}

static uint64_t *stack_canary(const struct thread *t)
{
	return t->stack ? (uint64_t *)((char *)t->stack + PAGE_SIZE) : NULL;
}

static void check_stack(const struct thread *t)
{
	const uint64_t *canary = stack_canary(t);

	if (canary && *canary != STACK_CANARY)
		panic("stack overflow in thread '%s'", t->name);
}

static void make_runnable(struct thread *t)
{
	t->state = THREAD_RUNNABLE;
	list_add_tail(&t->queue_link, &run_queue);
}

static void run_expired_timers(void)
{
	uint64_t now = monotonic_ns();
	struct timer_node *n;

	while ((n = timer_queue_pop_expired(&timers, now))) {
		struct sched_timer *t =
			container_of(n, struct sched_timer, node);
		t->fn(t);
	}
}

static void reap_dead_threads(void)
{
	struct list_head *pos, *tmp;

	list_for_each_safe(pos, tmp, &dead_threads) {
		struct thread *t = container_of(pos, struct thread, queue_link);

		list_del(pos);
		arch_remap_page((unsigned long)t->stack);
		free_pages(t->stack, t->stack_pages);
		kfree(t);
	}
}

static void load_tls_base(const struct thread *next)
{
	if (!next->tls_base || next->tls_base == loaded_tls_base)
		return;
	if (arch_set_tls_base(next->tls_base) < 0)
		panic("cannot load the TLS base of thread '%s'", next->name);
	loaded_tls_base = next->tls_base;
}

/* Switch to the next runnable thread. Events must be masked. */
static void schedule(void)
{
	struct thread *prev = current, *next = idle_thread;
	struct list_head *first;

	run_expired_timers();
	if (prev->state == THREAD_RUNNABLE && prev != idle_thread)
		list_add_tail(&prev->queue_link, &run_queue);
	first = list_pop_front(&run_queue);
	if (first)
		next = container_of(first, struct thread, queue_link);
	if (next == prev)
		return;
	check_stack(prev);
	load_tls_base(next);
	memcpy(sched_running_name, next->name, sizeof(sched_running_name));
	if (switch_hook)
		switch_hook(next->local);
	current = next;
	arch_switch(&prev->sp, next->sp);
	reap_dead_threads();
}

static void timer_wakes_thread(struct sched_timer *timer)
{
	struct thread *t = container_of(timer, struct thread, wake_timer);

	if (t->state != THREAD_BLOCKED)
		return;
	t->timed_out = true;
	list_del(&t->queue_link); /* off its wait queue, if any */
	/* A deadline already past expires inside the sleeper's own
	 * schedule(), which queues a runnable prev itself: queueing it
	 * here too would link it into the run queue twice. */
	if (t == current)
		t->state = THREAD_RUNNABLE;
	else
		make_runnable(t);
}

void sched_timer_add(struct sched_timer *t, uint64_t deadline_ns)
{
	unsigned long flags = arch_irq_save();

	timer_queue_add(&timers, &t->node, deadline_ns);
	arch_irq_restore(flags);
}

void sched_timer_cancel(struct sched_timer *t)
{
	unsigned long flags = arch_irq_save();

	timer_queue_remove(&timers, &t->node);
	arch_irq_restore(flags);
}

bool wait_queue_sleep(struct wait_queue *wq, uint64_t deadline_ns)
{
	struct thread *self = current;

	self->state = THREAD_BLOCKED;
	self->timed_out = false;
	if (wq)
		list_add_tail(&self->queue_link, &wq->waiters);
	if (deadline_ns)
		timer_queue_add(&timers, &self->wake_timer.node, deadline_ns);
	schedule();
	timer_queue_remove(&timers, &self->wake_timer.node);
	return !self->timed_out;
}

void wait_queue_init(struct wait_queue *wq)
{
	list_init(&wq->waiters);
}

static void wake_first(struct wait_queue *wq)
{
	struct list_head *first = list_pop_front(&wq->waiters);

	if (first)
		make_runnable(container_of(first, struct thread, queue_link));
}

void wake_up_one(struct wait_queue *wq)
{
	unsigned long flags = arch_irq_save();

	wake_first(wq);
	arch_irq_restore(flags);
}

void wake_up_all(struct wait_queue *wq)
{
	unsigned long flags = arch_irq_save();

	while (!list_empty(&wq->waiters))
		wake_first(wq);
	arch_irq_restore(flags);
}

void thread_yield(void)
{
	unsigned long flags = arch_irq_save();

	schedule();
	arch_irq_restore(flags);
}

void thread_sleep_until(uint64_t deadline_ns)
{
	unsigned long flags = arch_irq_save();

	while (monotonic_ns() < deadline_ns)
		wait_queue_sleep(NULL, deadline_ns);
	arch_irq_restore(flags);
}

void thread_sleep_ns(uint64_t ns)
{
	thread_sleep_until(monotonic_ns() + ns);
}

struct thread *thread_self(void)
{
	return current;
}

const char *thread_name(const struct thread *t)
{
	return t->name;
}

static void thread_init(struct thread *t, const char *name)
{
	size_t len = strnlen(name, THREAD_NAME_MAX - 1);

	memcpy(t->name, name, len);
	t->name[len] = '\0';
	t->state = THREAD_RUNNABLE;
	t->wake_timer.fn = timer_wakes_thread;
	timer_node_init(&t->wake_timer.node);
	list_init(&t->queue_link);
	wait_queue_init(&t->joiners);
	list_add_tail(&t->all_link, &all_threads);
}

static void thread_main(void *arg)
{
	struct thread *self = arg;

	arch_irq_enable();
	thread_exit(self->fn(self->arg));
}

/*
 * Stack area, lowest address first: the guard page (unmapped), the
 * canary word, the usable stack, then the thread's TLS block and TCB.
 * Returns the initial stack top.
 */
static void *stack_alloc(struct thread *t, size_t stack_bytes)
{
	size_t tls_bytes = tls_area_size();
	unsigned long pages;
	char *top;

	if (stack_bytes / PAGE_SIZE >= mm_total_pages())
		return NULL; /* also keeps the sum below from overflowing */
	pages = (stack_bytes + tls_bytes + PAGE_SIZE - 1) / PAGE_SIZE;
	t->stack_pages = pages + 1;
	t->stack = alloc_pages(t->stack_pages);
	if (!t->stack)
		return NULL;
	if (arch_unmap_page((unsigned long)t->stack) < 0) {
		free_pages(t->stack, t->stack_pages);
		return NULL;
	}
	*stack_canary(t) = STACK_CANARY;
	top = (char *)t->stack + t->stack_pages * PAGE_SIZE;
	t->tls_base = tls_area_init(top);
	return (void *)(((unsigned long)top - tls_bytes) & ~15UL);
}

int thread_create_sized(struct thread **out, const char *name,
			void *(*fn)(void *), void *arg, size_t stack_bytes)
{
	struct thread *t = kmalloc(sizeof(*t));
	unsigned long flags;
	void *top;

	if (!t)
		return -ENOMEM;
	top = stack_alloc(t, stack_bytes);
	if (!top) {
		kfree(t);
		return -ENOMEM;
	}
	t->fn = fn;
	t->arg = arg;
	t->sp = arch_thread_stack_init(top, thread_main, t);
	flags = arch_irq_save();
	thread_init(t, name);
	list_add_tail(&t->queue_link, &run_queue);
	arch_irq_restore(flags);
	if (out)
		*out = t;
	return 0;
}

int thread_create(struct thread **out, const char *name, void *(*fn)(void *),
		  void *arg)
{
	return thread_create_sized(out, name, fn, arg, THREAD_STACK_DEFAULT);
}

void sched_park_boot_thread(void)
{
	arch_irq_disable();
	for (;;)
		wait_queue_sleep(NULL, 0);
}

void thread_exit(void *retval)
{
	struct thread *self = current;

	arch_irq_disable();
	if (self == &boot_thread)
		panic("thread_exit from the boot thread");
	self->retval = retval;
	self->state = THREAD_EXITED;
	list_del(&self->all_link);
	if (self->detached)
		list_add_tail(&self->queue_link, &dead_threads);
	while (!list_empty(&self->joiners.waiters))
		wake_first(&self->joiners);
	schedule();
	panic("exited thread '%s' was scheduled", self->name);
}

int thread_join(struct thread *t, void **retval)
{
	unsigned long flags;

	if (t == current || t->detached)
		return -EINVAL;
	flags = arch_irq_save();
	while (t->state != THREAD_EXITED)
		wait_queue_sleep(&t->joiners, 0);
	arch_irq_restore(flags);
	if (retval)
		*retval = t->retval;
	t->detached = true; /* a second join is an error */
	flags = arch_irq_save();
	list_add_tail(&t->queue_link, &dead_threads);
	reap_dead_threads();
	arch_irq_restore(flags);
	return 0;
}

int thread_detach(struct thread *t)
{
	unsigned long flags;

	if (t->detached)
		return -EINVAL;
	flags = arch_irq_save();
	t->detached = true;
	if (t->state == THREAD_EXITED)
		list_add_tail(&t->queue_link, &dead_threads);
	arch_irq_restore(flags);
	return 0;
}

const char *sched_guard_owner(unsigned long addr)
{
	struct list_head *pos;

	list_for_each(pos, &all_threads) {
		struct thread *t = container_of(pos, struct thread, all_link);
		unsigned long guard = (unsigned long)t->stack;

		if (t->stack && addr >= guard && addr < guard + PAGE_SIZE)
			return t->name;
	}
	return NULL;
}

static void *idle_loop(void *unused)
{
	(void)unused;
	for (;;) {
		struct timer_node *first;

		arch_irq_disable();
		run_expired_timers();
		if (!list_empty(&run_queue)) {
			schedule();
			continue;
		}
		/* Nothing to do: wake for the earliest deadline, or never. */
		first = timer_queue_first(&timers);
		if (first)
			time_set_timer(first->deadline);
		arch_block();
	}
	return NULL;
}

int sched_init(void)
{
	int rc;

	list_init(&run_queue);
	list_init(&all_threads);
	list_init(&dead_threads);
	timer_queue_init(&timers);
	thread_init(&boot_thread, "boot");
	current = &boot_thread;
	memcpy(sched_running_name, current->name, sizeof(sched_running_name));
	rc = time_init(run_expired_timers);
	if (rc < 0)
		return rc;
	rc = thread_create(&idle_thread, "idle", idle_loop, NULL);
	if (rc < 0)
		return rc;
	/* Idle is picked only when nothing else is runnable. */
	list_del(&idle_thread->queue_link);
	list_del(&idle_thread->all_link);
	return 0;
}
