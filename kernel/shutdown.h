/*
 * Ending the domain. The exit status is written to xenstore
 * (data/petrel-exit, a guest-writable key the runner reads) before the
 * domain powers off, because Xen's shutdown reasons cannot carry it.
 */
#ifndef KERNEL_SHUTDOWN_H
#define KERNEL_SHUTDOWN_H

#include <stdbool.h>

void kernel_exit(int status) __attribute__((noreturn));
/* The toolstack asked for a reboot (or a poweroff): kernel_exit obeys. */
void kernel_set_shutdown_reason(bool reboot);
void kernel_poweroff(void) __attribute__((noreturn));
void kernel_reboot(void) __attribute__((noreturn));
void kernel_crash(void) __attribute__((noreturn));

#endif
