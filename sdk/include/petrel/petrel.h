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

/* End the program now with status, as if main returned it. */
void petrel_exit(int status) __attribute__((noreturn));

#endif
