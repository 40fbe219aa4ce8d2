/* Recording argv[0] for program_invocation_name (see progname.c). */
#ifndef LIB_LIBC_PROGNAME_H
#define LIB_LIBC_PROGNAME_H

extern char *program_invocation_name;
extern char *program_invocation_short_name;

void libc_set_progname(char *argv0);

#endif
