/*
 * The program's name, as glibc keeps it: program_invocation_name is
 * argv[0] and program_invocation_short_name its last component; err()
 * and warn() print the short one.
 */
#include <errno.h>
#include <string.h>
#include "lib/libc/progname.h"

char *program_invocation_name = "";
char *program_invocation_short_name = "";

void libc_set_progname(char *argv0)
{
	char *slash;

	if (!argv0)
		return;
	slash = strrchr(argv0, '/');
	program_invocation_name = argv0;
	program_invocation_short_name = slash ? slash + 1 : argv0;
}
