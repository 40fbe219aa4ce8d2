/*
 * pthreads on Petrel's cooperative kernel threads: create, join,
 * detach, self, exit, once, and thread-specific keys. Each pthread has
 * its own newlib reentrancy state (errno, stdio buffers), switched in
 * by the scheduler's hook.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <reent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kernel/sched.h"
#include "lib/libc/handles.h"

#define KEYS_MAX 64
/*
 * Linux reserves 8 MiB of address space per thread and commits it
 * lazily; here stacks are real memory, so the default is smaller. Each
 * has a guard page below it, and every object is built with stack-clash
 * probes, so overflowing one is a clean crash, never corruption.
 */
#define PTHREAD_STACK_DEFAULT (256 * 1024)
#define STACK_MIN 16384 /* Linux's PTHREAD_STACK_MIN */
#define THREAD_NAME_LEN 24

struct pthread_rec {
	struct thread *kthread;
	void *(*fn)(void *);
	void *arg;
	uint32_t id;
	int detached;
	int finished;
	void *specific[KEYS_MAX];
	int adopted; /* not made by pthread_create: uses the global reent */
	struct _reent reent;
};

static struct handle_table threads;
/* Detached threads that finished; freed by the next pthread_create. */
static struct pthread_rec *finished_detached[64];
static unsigned int nr_finished_detached;
static void (*key_destructors[KEYS_MAX])(void *);
static unsigned char key_used[KEYS_MAX];

static void follow_switch(void *next_local)
{
	struct pthread_rec *rec = next_local;

	_impure_ptr = rec && !rec->adopted ? &rec->reent : _global_impure_ptr;
}

static struct pthread_rec *rec_new(void)
{
	struct pthread_rec *rec = calloc(1, sizeof(*rec));

	if (!rec)
		return NULL;
	rec->id = handle_new(&threads, rec);
	if (!rec->id) {
		free(rec);
		return NULL;
	}
	_REENT_INIT_PTR(&rec->reent);
	return rec;
}

/*
 * A thread's stdin, stdout and stderr are FILEs of its own over the
 * program's fds 0-2. When it ends, its buffered output goes out, but the
 * fds stay open: newlib's clean-up would fclose the streams, closing fd 1
 * under every other thread (a thread ending closes no fd on Linux).
 */
static void release_std_streams(struct _reent *r)
{
	FILE *std[] = { r->_stdin, r->_stdout, r->_stderr };

	if (!r->__sdidinit)
		return;
	for (size_t i = 0; i < sizeof(std) / sizeof(std[0]); i++) {
		_fflush_r(r, std[i]);
		std[i]->_close = NULL;
	}
}

static void rec_free(struct pthread_rec *rec)
{
	handle_free(&threads, rec->id);
	release_std_streams(&rec->reent);
	_reclaim_reent(&rec->reent);
	free(rec);
}

/*
 * The calling thread's record. A thread pthread_create did not make
 * (main, a petrel_thread) is adopted on its first pthread call, keeping
 * one id and its keys' values from then on, and goes on using newlib's
 * global reent, which it has used since start.
 */
static struct pthread_rec *self_rec(void)
{
	struct thread *t = thread_self();
	struct pthread_rec *rec = thread_get_local(t);

	if (rec)
		return rec;
	rec = calloc(1, sizeof(*rec));
	if (!rec || !(rec->id = handle_new(&threads, rec)))
		abort(); /* out of memory before the first pthread call */
	rec->kthread = t;
	rec->adopted = 1;
	sched_set_switch_hook(follow_switch);
	thread_set_local(t, rec);
	return rec;
}

static void run_key_destructors(struct pthread_rec *rec)
{
	for (int k = 0; k < KEYS_MAX; k++) {
		void *v = rec->specific[k];

		rec->specific[k] = NULL;
		if (v && key_used[k] && key_destructors[k])
			key_destructors[k](v);
	}
}

/*
 * A finished detached thread cannot free its own record: it runs on its
 * reent until the switch away. It queues itself instead; nothing else
 * runs before that switch (threads are cooperative), so by the time
 * another thread frees the queue the record is out of use.
 */
static void queue_finished(struct pthread_rec *rec)
{
	if (nr_finished_detached <
	    sizeof(finished_detached) / sizeof(finished_detached[0]))
		finished_detached[nr_finished_detached++] = rec;
}

static void free_finished(void)
{
	while (nr_finished_detached)
		rec_free(finished_detached[--nr_finished_detached]);
}

/* The thread's last act as a pthread, whichever way it ends. */
static void finish(struct pthread_rec *rec)
{
	run_key_destructors(rec);
	rec->finished = 1;
	if (rec->detached)
		queue_finished(rec);
}

static void *trampoline(void *arg)
{
	struct pthread_rec *rec = arg;
	void *ret = rec->fn(rec->arg);

	finish(rec);
	return ret;
}

int pthread_create(pthread_t *out, const pthread_attr_t *attr,
		   void *(*fn)(void *), void *arg)
{
	char name[THREAD_NAME_LEN];
	struct pthread_rec *rec;
	int rc;

	if (attr && !attr->is_initialized)
		return EINVAL;
	sched_set_switch_hook(follow_switch);
	free_finished();
	rec = rec_new();
	if (!rec)
		return EAGAIN;
	rec->fn = fn;
	rec->arg = arg;
	snprintf(name, sizeof(name), "pthread %u", (unsigned int)rec->id);
	rc = thread_create_sized(&rec->kthread, name, trampoline, rec,
				 attr ? attr->stacksize :
					PTHREAD_STACK_DEFAULT);
	if (rc < 0) {
		rec_free(rec);
		return -rc == ENOMEM ? EAGAIN : -rc;
	}
	thread_set_local(rec->kthread, rec);
	if (attr && attr->detachstate == PTHREAD_CREATE_DETACHED)
		pthread_detach(rec->id);
	*out = rec->id;
	return 0;
}

int pthread_join(pthread_t id, void **ret)
{
	struct pthread_rec *rec = handle_get(&threads, id);
	int rc;

	if (!rec)
		return ESRCH;
	if (rec == self_rec())
		return EDEADLK;
	if (rec->detached)
		return EINVAL;
	rc = thread_join(rec->kthread, ret);
	if (rc < 0)
		return -rc;
	rec_free(rec);
	return 0;
}

int pthread_detach(pthread_t id)
{
	struct pthread_rec *rec = handle_get(&threads, id);
	int rc;

	if (!rec)
		return ESRCH;
	if (rec->detached)
		return EINVAL;
	rec->detached = 1;
	/* The kernel frees the thread; its record goes when it finishes,
	 * or now if it already has. */
	rc = -thread_detach(rec->kthread);
	if (rec->finished)
		rec_free(rec);
	return rc;
}

pthread_t pthread_self(void)
{
	return self_rec()->id;
}

int pthread_equal(pthread_t a, pthread_t b)
{
	return a == b;
}

void pthread_exit(void *ret)
{
	struct pthread_rec *rec = self_rec();

	if (!rec->fn)
		exit(0); /* the main thread: POSIX lets the process end here */
	finish(rec);
	thread_exit(ret);
}

#define ONCE_RUNNING 2

int pthread_once(pthread_once_t *once, void (*fn)(void))
{
	/* newlib's PTHREAD_ONCE_INIT is {1, 0}: init_executed is the state,
	 * 0 not yet, ONCE_RUNNING in progress (fn may block), 1 done. */
	if (!once->init_executed) {
		once->init_executed = ONCE_RUNNING;
		fn();
		once->init_executed = 1;
	}
	while (once->init_executed == ONCE_RUNNING)
		thread_yield();
	return 0;
}

int pthread_key_create(pthread_key_t *key, void (*destructor)(void *))
{
	for (int k = 0; k < KEYS_MAX; k++) {
		if (!key_used[k]) {
			key_used[k] = 1;
			key_destructors[k] = destructor;
			*key = (pthread_key_t)k;
			return 0;
		}
	}
	return EAGAIN;
}

int pthread_key_delete(pthread_key_t key)
{
	if (key >= KEYS_MAX || !key_used[key])
		return EINVAL;
	key_used[key] = 0;
	key_destructors[key] = NULL;
	return 0;
}

void *pthread_getspecific(pthread_key_t key)
{
	return key < KEYS_MAX && key_used[key] ? self_rec()->specific[key] :
						 NULL;
}

int pthread_setspecific(pthread_key_t key, const void *value)
{
	if (key >= KEYS_MAX || !key_used[key])
		return EINVAL;
	self_rec()->specific[key] = (void *)value;
	return 0;
}

int pthread_attr_init(pthread_attr_t *attr)
{
	memset(attr, 0, sizeof(*attr));
	attr->is_initialized = 1;
	attr->detachstate = PTHREAD_CREATE_JOINABLE;
	attr->stacksize = PTHREAD_STACK_DEFAULT;
	return 0;
}

int pthread_attr_destroy(pthread_attr_t *attr)
{
	attr->is_initialized = 0;
	return 0;
}

int pthread_attr_setdetachstate(pthread_attr_t *attr, int state)
{
	if (state != PTHREAD_CREATE_JOINABLE &&
	    state != PTHREAD_CREATE_DETACHED)
		return EINVAL;
	attr->detachstate = state;
	return 0;
}

int pthread_attr_getdetachstate(const pthread_attr_t *attr, int *state)
{
	*state = attr->detachstate;
	return 0;
}

/* Any size from Linux's minimum up (newlib's attr holds an int);
 * pthread_create fails with EAGAIN when memory cannot hold it, as
 * Linux's does when the stack cannot be mapped. */
int pthread_attr_setstacksize(pthread_attr_t *attr, size_t size)
{
	if (size < STACK_MIN || size > INT_MAX)
		return EINVAL;
	attr->stacksize = size;
	return 0;
}

int pthread_attr_getstacksize(const pthread_attr_t *attr, size_t *size)
{
	*size = attr->stacksize;
	return 0;
}

int sched_yield(void)
{
	thread_yield();
	return 0;
}
