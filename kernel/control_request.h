/*
 * The toolstack's requests in control/shutdown (xl shutdown, reboot,
 * save): what a value asks for. Pure logic, tested on the host.
 */
#ifndef KERNEL_CONTROL_REQUEST_H
#define KERNEL_CONTROL_REQUEST_H

#include <stddef.h>

enum control_request {
	CONTROL_NONE, /* empty: our own acknowledgement, or nothing asked */
	CONTROL_POWEROFF, /* "poweroff", and "halt", which means the same */
	CONTROL_REBOOT,
	CONTROL_SUSPEND,
	CONTROL_UNKNOWN,
};

enum control_request control_request_parse(const char *value);

/* value made fit for one console line: at most size - 1 characters,
 * anything unprintable shown as '?'. */
void control_printable(char *out, size_t size, const char *value);

#endif
