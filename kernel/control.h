/*
 * The toolstack's shutdown requests (control/shutdown): see control.c.
 */
#ifndef KERNEL_CONTROL_H
#define KERNEL_CONTROL_H

int control_init(void);

/*
 * Who acts on a poweroff or reboot request, in the xenwatch thread.
 * Without one, the domain ends at once with status 0. Either way the
 * domain then stops the way it was asked to (kernel_exit follows the
 * request).
 */
void control_set_request_handler(void (*fn)(void));

#endif
