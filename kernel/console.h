/*
 * The PV console: a byte ring shared with xenconsoled in dom0, plus
 * Xen's console_io hypercall as an emergency path before the ring is
 * known or when it is wedged. Three streams share the ring (kernel
 * messages, the app's stdout and stderr), told apart by stream switches
 * (kernel/console_frame.h) that the host runner demultiplexes.
 */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>
#include <xen/xen.h>
#include <xen/event_channel.h>
#include <xen/io/console.h>
#include "kernel/console_frame.h"

void console_init(struct xencons_interface *ring, evtchn_port_t port);

/* Bind the console event (after the scheduler): it wakes readers, and
 * writers waiting for room in a full ring. */
int console_enable_events(void);
/* In a new domain after a restore (events masked): the ring and port
 * the platform now names. */
int console_resume(struct xencons_interface *ring, evtchn_port_t port);

/*
 * Write bytes of stream s. A thread that may sleep (events unmasked,
 * after console_enable_events, no panic) sleeps on the console event
 * while the ring is full, and writes its whole buffer before any other
 * thread's; other contexts wait a bounded time, then fall back to the
 * emergency path.
 */
void console_write_stream(enum console_stream s, const char *buf, size_t len);

/* Kernel messages (printk): the kernel stream. */
void console_write(const char *buf, size_t len);

/* From now on never sleep in console writes (panic, crash reports). */
void console_panic_mode(void);

/*
 * How the runner connected stdio (petrel.tty and petrel.stdin on the
 * domain command line): tty_fds has bit n set when fd n is a terminal;
 * stdin_piped means input arrives framed and ends (console_frame.h).
 * Without it, all three are terminals and input is typed, as by xl console.
 */
#define CONSOLE_STDIO_FDS 7u /* fds 0, 1 and 2 */
void console_set_stdio(unsigned int tty_fds, bool stdin_piped);
bool console_is_terminal(int fd);

/*
 * Read console input: blocks until at least one byte has arrived, then
 * returns what is there (at most len); 0 once piped stdin has ended.
 * Typed input has CR mapped to LF (there is no tty layer); piped input
 * is passed exactly. Needs console_enable_events().
 */
long console_read(char *buf, size_t len);

/* What console input holds now, without taking it: CONSOLE_INPUT_*
 * bits (both once the last data is followed by the end of piped input). */
#define CONSOLE_INPUT_DATA 1u
#define CONSOLE_INPUT_END 2u
unsigned int console_input_poll(void);

/* The queue console input wakes (events masked). poll() and select()
 * sleep on it too, so one wait sees input and their other wake-ups. */
struct wait_queue *console_input_queue(void);

/* Changes whenever input arrives (dom0's producer index), so a waiter
 * can tell whether some came since it last looked. */
unsigned int console_input_mark(void);

/* Wait (bounded) until dom0 has consumed everything we wrote. */
void console_flush(void);

/* Hypervisor console: works before console_init, and in release Xen
 * builds may be dropped for unprivileged guests. */
void console_emergency_write(const char *buf, size_t len);

#endif
