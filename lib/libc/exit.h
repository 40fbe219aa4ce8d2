/*
 * The end of a program: every way out (exit, _exit, a fatal signal)
 * goes through libc_exit, which lets a subsystem that holds data for
 * the outside world finish with it before the domain stops.
 */
#ifndef LIB_LIBC_EXIT_H
#define LIB_LIBC_EXIT_H

/*
 * Work to finish before the domain stops, set by the subsystems that
 * have some: the network when it starts (net/drain.c: on Linux a
 * process's sent TCP data still leaves after it exits, because the
 * kernel keeps it; here the kernel is the domain, so exit waits for it,
 * boundedly), and the mount table at its first mount (vfs.c: every
 * filesystem is synced and unmounted, so a disk is clean). A subsystem
 * keeps the value it replaces and calls it from its own hook, so that
 * every hook runs, whichever was set first.
 */
extern void (*libc_before_exit)(void);

void libc_exit(int status) __attribute__((noreturn));

#endif
