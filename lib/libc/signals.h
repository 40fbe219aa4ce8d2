/*
 * Signals from outside the program: the toolstack's poweroff and reboot
 * requests become SIGTERM (signal.c).
 */
#ifndef LIB_LIBC_SIGNALS_H
#define LIB_LIBC_SIGNALS_H

void libc_signals_init(void);

#endif
