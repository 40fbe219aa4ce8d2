/*
 * Random bytes for getentropy() and so arc4random(): the CPU's hardware
 * generator (RDSEED, else RDRAND) when it has one, always mixed with the
 * TSC and Xen system time. Without a hardware generator the bytes are
 * only as unpredictable as timing is: the first use says so on the
 * console.
 */
#ifndef KERNEL_ENTROPY_H
#define KERNEL_ENTROPY_H

#include <stddef.h>

void entropy_fill(void *buf, size_t len);

#endif
