/*
 * Ending the domain. The exit status is written to xenstore
 * (data/petrel-exit, a guest-writable key the runner reads) before the
 * domain powers off, because Xen's shutdown reasons cannot carry it.
 */
#ifndef KERNEL_SHUTDOWN_H
#define KERNEL_SHUTDOWN_H

void kernel_exit(int status) __attribute__((noreturn));
void kernel_poweroff(void) __attribute__((noreturn));
void kernel_reboot(void) __attribute__((noreturn));
void kernel_crash(void) __attribute__((noreturn));

#endif
