/*
 * select() and fd_set, replacing newlib's header in the SDK's sysroot:
 * FD_SETSIZE is 1024 as on Linux (newlib's 64 would make FD_SET on a
 * higher fd, valid on Linux, overrun the set). Petrel's fd table is
 * smaller (256), so every fd fits.
 */
#ifndef _SYS_SELECT_H
#define _SYS_SELECT_H

#include <sys/cdefs.h>
#include <sys/_sigset.h>
#include <sys/_timeval.h>
#include <sys/timespec.h>

#if !defined(_SIGSET_T_DECLARED)
#define _SIGSET_T_DECLARED
typedef __sigset_t sigset_t;
#endif

#define _SYS_TYPES_FD_SET

#ifndef FD_SETSIZE
#define FD_SETSIZE 1024
#endif

typedef unsigned long fd_mask;
#define NFDBITS (8 * (int)sizeof(fd_mask))
#ifndef _howmany
#define _howmany(x, y) (((x) + ((y)-1)) / (y))
#endif

typedef struct {
	fd_mask fds_bits[_howmany(FD_SETSIZE, NFDBITS)];
} fd_set;

#define __FD_MASK(n) (1UL << ((unsigned int)(n) % NFDBITS))
#define FD_SET(n, p) ((p)->fds_bits[(n) / NFDBITS] |= __FD_MASK(n))
#define FD_CLR(n, p) ((p)->fds_bits[(n) / NFDBITS] &= ~__FD_MASK(n))
#define FD_ISSET(n, p) (((p)->fds_bits[(n) / NFDBITS] & __FD_MASK(n)) != 0)
#define FD_ZERO(p) __builtin_memset((p), 0, sizeof(*(p)))

__BEGIN_DECLS

int select(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds,
	   struct timeval *timeout);
int pselect(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds,
	    const struct timespec *timeout, const sigset_t *sigmask);

__END_DECLS

#endif
