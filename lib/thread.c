/* The public petrel/thread.h API, on the kernel scheduler and clock. */
#include "kernel/sched.h"
#include "kernel/time.h"
#include "petrel/thread.h"

int petrel_thread_create(petrel_thread_t **t, const char *name,
			 void *(*fn)(void *), void *arg)
{
	return thread_create(t, name, fn, arg);
}

int petrel_thread_join(petrel_thread_t *t, void **retval)
{
	return thread_join(t, retval);
}

void petrel_thread_yield(void)
{
	thread_yield();
}

void petrel_sleep_ns(uint64_t ns)
{
	thread_sleep_ns(ns);
}

void petrel_sleep_until(uint64_t deadline_ns)
{
	thread_sleep_until(deadline_ns);
}

uint64_t petrel_monotonic_ns(void)
{
	return monotonic_ns();
}

uint64_t petrel_wallclock_ns(void)
{
	return wallclock_ns();
}
