/*
 * Declarations of the port's functions lwIP calls through the hook
 * macros in lwipopts.h (included by lwIP's sources via
 * LWIP_HOOK_FILENAME).
 */
#ifndef NET_LWIP_HOOKS_H
#define NET_LWIP_HOOKS_H

/* lib/libc/fd.h: wakes every poll/select sleeper to re-check its fds. */
void fd_poll_wake(void);

#endif
