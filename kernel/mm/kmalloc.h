/*
 * The kernel's small-object heap: kmalloc for records of up to 2 KiB
 * (threads, devices, watches) instead of a whole page each. Objects are
 * zeroed. Safe from any context: calls are made with events masked.
 */
#ifndef KERNEL_MM_KMALLOC_H
#define KERNEL_MM_KMALLOC_H

#include <stddef.h>

/* A zeroed object of size bytes (1..2048); NULL when out of memory. */
void *kmalloc(size_t size);

/* Free a kmalloc'ed object; kfree(NULL) does nothing. A pointer that is
 * not a live object is a kernel bug: it panics. */
void kfree(void *obj);

#endif
