/* realpath: path_resolve's canonical absolute name (see path.h). */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "lib/libc/errno.h"
#include "lib/libc/path.h"

char *realpath(const char *restrict path, char *restrict resolved)
{
	char buf[PATH_MAX];
	int rc;

	if (!path) {
		libc_set_errno(EINVAL);
		return NULL;
	}
	rc = path_resolve(path, buf, sizeof(buf));
	if (rc < 0) {
		libc_set_errno(-rc);
		return NULL;
	}
	if (!resolved) {
		resolved = strdup(buf);
		if (!resolved)
			libc_set_errno(ENOMEM);
		return resolved;
	}
	return strcpy(resolved, buf);
}
