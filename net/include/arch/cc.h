/*
 * lwIP's compiler and platform glue for Petrel: newlib's types and
 * errno (so lwIP's errno values are newlib's), diagnostics through
 * printk, assertions through panic, randomness from the kernel.
 */
#ifndef PETREL_LWIP_ARCH_CC_H
#define PETREL_LWIP_ARCH_CC_H

/*
 * lwIP sizes its own fd_set (unused: LWIP_SOCKET_SELECT=0) to its
 * socket table; newlib's default of 64 would be too small. This must
 * come before newlib's headers.
 */
#ifndef FD_SETSIZE
#define FD_SETSIZE MEMP_NUM_NETCONN
#endif

#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/time.h>
#include <sys/types.h>

/* newlib's ssize_t is long; without SSIZE_MAX lwIP would make it int. */
#ifndef SSIZE_MAX
#define SSIZE_MAX LONG_MAX
#endif
#define LWIP_ERRNO_STDINCLUDE 1
#define LWIP_TIMEVAL_PRIVATE 0

void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void panic(const char *fmt, ...) __attribute__((noreturn));
uint32_t net_random_u32(void);

#define LWIP_PLATFORM_DIAG(x) \
	do {                  \
		printk x;     \
	} while (0)
#define LWIP_PLATFORM_ASSERT(x) \
	panic("lwIP assertion \"%s\" failed at %s:%d", x, __FILE__, __LINE__)
#define LWIP_RAND() net_random_u32()

#endif
