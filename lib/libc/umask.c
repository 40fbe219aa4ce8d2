/*
 * The file mode creation mask: the permission bits open(O_CREAT) and
 * mkdir take away from the mode they are given. 022 at start, as a
 * Linux shell leaves it, so open(path, O_CREAT, 0666) makes a 0644 file.
 * One per program (the process's, as on Linux; threads share it).
 */
#include <sys/stat.h>
#include "lib/libc/umask.h"

static mode_t mask = 022;

mode_t umask(mode_t new_mask)
{
	mode_t old = mask;

	mask = new_mask & 0777;
	return old;
}

mode_t umask_apply(mode_t mode)
{
	return mode & ~mask;
}
