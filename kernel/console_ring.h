/* What console.c (output) shares with console_input.c (input). */
#ifndef KERNEL_CONSOLE_RING_H
#define KERNEL_CONSOLE_RING_H

#include <xen/xen.h>
#include <xen/io/console.h>

/* The ring, or NULL before console_init or once it was found wedged. */
struct xencons_interface *console_ring(void);

/* Tell the backend there is something for it (data, or room). */
void console_kick(void);

/* The console event arrived (events masked): wake input readers. */
void console_input_event(void);

/* Set up the input side's wait queue (before events are bound). */
void console_input_init(void);

#endif
