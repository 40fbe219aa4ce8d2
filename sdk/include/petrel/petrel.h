/*
 * Petrel's public API for applications: console output, memory facts
 * and exit. An app's int main(int argc, char **argv) receives the
 * domain command line (xl extra=) as argv; its return value becomes the
 * exit status the runner sees.
 */
#ifndef PETREL_PETREL_H
#define PETREL_PETREL_H

#include <stddef.h>

int petrel_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

int petrel_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Bytes of memory the domain was given. */
unsigned long petrel_memory_bytes(void);

/* Bytes of memory still free in the page allocator. */
unsigned long petrel_free_bytes(void);

/* End the program with status, as exit(status) does: atexit handlers
 * and destructors run and stdio is flushed. */
void petrel_exit(int status) __attribute__((noreturn));

/*
 * main runs on a 1 MiB stack (with a guard page below it). An app that
 * needs more says so once, at file scope:
 *     PETREL_MAIN_STACK_SIZE(8 << 20);
 * The environment variable PETREL_MAIN_STACK (bytes, or with a K, M or G
 * suffix; petrel run --env) overrides it at boot.
 */
#define PETREL_MAIN_STACK_SIZE(bytes) \
	const unsigned long petrel_main_stack_size = (bytes)

#endif
