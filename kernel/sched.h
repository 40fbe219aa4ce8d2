/*
 * Cooperative threads. A thread runs until it blocks, sleeps or yields;
 * event handlers only make threads runnable. With nothing runnable the
 * idle loop arms the one-shot timer for the earliest sleeper and blocks
 * the vcpu in Xen (SCHEDOP_block) - it never spins.
 */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "kernel/timer_queue.h"
#include "kernel/wait_list.h"

#define THREAD_NAME_MAX 24
/* Kernel threads' and petrel_thread_create's stacks. */
#define THREAD_STACK_DEFAULT (64 * 1024)

struct thread;

struct wait_queue {
	struct list_head waiters;
};

/* A timer whose fn runs in the upcall (events masked) when it expires. */
struct sched_timer {
	struct timer_node node;
	void (*fn)(struct sched_timer *timer);
};

/* Turn the boot context into a thread; start the idle thread. */
int sched_init(void);

/* The boot context's last act, once it has started the app's thread. */
void sched_park_boot_thread(void) __attribute__((noreturn));

/*
 * A new runnable thread running fn(arg) on a stack of at least
 * stack_bytes, with a guard page below it and its own TLS block.
 */
int thread_create_sized(struct thread **out, const char *name,
			void *(*fn)(void *), void *arg, size_t stack_bytes);
int thread_create(struct thread **out, const char *name, void *(*fn)(void *),
		  void *arg);
int thread_join(struct thread *t, void **retval);
int thread_detach(struct thread *t);
void thread_exit(void *retval) __attribute__((noreturn));
struct thread *thread_self(void);
const char *thread_name(const struct thread *t);
void thread_yield(void);

/* Sleep at least ns nanoseconds / until an absolute monotonic time. */
void thread_sleep_ns(uint64_t ns);
void thread_sleep_until(uint64_t deadline_ns);

void wait_queue_init(struct wait_queue *wq);
void wake_up_one(struct wait_queue *wq);
void wake_up_all(struct wait_queue *wq);

/*
 * Sleep on wq until woken or until deadline_ns (0: no deadline). Call
 * with events masked (flags from arch_irq_save); they are masked again
 * on return. Returns false on timeout.
 */
bool wait_queue_sleep(struct wait_queue *wq, uint64_t deadline_ns);

void sched_timer_add(struct sched_timer *t, uint64_t deadline_ns);
void sched_timer_cancel(struct sched_timer *t);

/*
 * A pointer the C library keeps per thread (its reentrancy state), and
 * a hook it installs to follow switches: fn(next_local) runs, with
 * events masked, just before each switch.
 */
void thread_set_local(struct thread *t, void *local);
void *thread_get_local(const struct thread *t);
void sched_set_switch_hook(void (*fn)(void *next_local));

/* The running thread's name, for post-mortem reading (see sched.c). */
extern char sched_running_name[THREAD_NAME_MAX];

/* Whether addr is in a guard page under some thread's stack. */
const char *sched_guard_owner(unsigned long addr);


#endif
