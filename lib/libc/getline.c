/*
 * getline and getdelim under their POSIX names: newlib 3.3.0 has them
 * only as __getline and __getdelim (our newlib patch declares these
 * names in stdio.h), so programs and configure probes link.
 */
#include <stdio.h>
#include <sys/types.h>

ssize_t getdelim(char **restrict line, size_t *restrict cap, int delim,
		 FILE *restrict stream)
{
	return __getdelim(line, cap, delim, stream);
}

ssize_t getline(char **restrict line, size_t *restrict cap,
		FILE *restrict stream)
{
	return __getdelim(line, cap, '\n', stream);
}
