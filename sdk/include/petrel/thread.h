/*
 * Petrel threads (cooperative) and time, for apps and conformance
 * tests. Ordinary C programs will normally use pthreads and
 * clock_gettime on top of these.
 */
#ifndef PETREL_THREAD_H
#define PETREL_THREAD_H

#include <stdint.h>

typedef struct thread petrel_thread_t;

/* 0 or a negative errno. */
int petrel_thread_create(petrel_thread_t **t, const char *name,
			 void *(*fn)(void *), void *arg);
int petrel_thread_join(petrel_thread_t *t, void **retval);
void petrel_thread_yield(void);
void petrel_sleep_ns(uint64_t ns);
/* Sleep until an absolute petrel_monotonic_ns() time. */
void petrel_sleep_until(uint64_t deadline_ns);

/* Monotonic nanoseconds since the domain's clock started. */
uint64_t petrel_monotonic_ns(void);
/* Nanoseconds since the Unix epoch. */
uint64_t petrel_wallclock_ns(void);

#endif
