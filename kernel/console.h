/*
 * The PV console: a byte ring shared with xenconsoled in dom0, plus
 * Xen's console_io hypercall as an emergency path before the ring is
 * known or when it is wedged.
 */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

#include <stddef.h>
#include <xen/xen.h>
#include <xen/event_channel.h>
#include <xen/io/console.h>

void console_init(struct xencons_interface *ring, evtchn_port_t port);

/* Write bytes; blocks (yielding) while the ring is full. */
void console_write(const char *buf, size_t len);

/*
 * Read console input: blocks until at least one byte has arrived, then
 * returns what is there (at most len). Needs console_enable_input().
 */
long console_read(char *buf, size_t len);

/* Bind the console event so readers are woken (after the scheduler). */
int console_enable_input(void);

/* Wait (bounded) until dom0 has consumed everything we wrote. */
void console_flush(void);

/* Hypervisor console: works before console_init, and in release Xen
 * builds may be dropped for unprivileged guests. */
void console_emergency_write(const char *buf, size_t len);

#endif
