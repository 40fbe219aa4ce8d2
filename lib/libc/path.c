/*
 * Resolving path names component by component, as the kernel of a Unix
 * does: "." stays, ".." climbs (and stays at "/"), and every other name
 * must exist in the directory reached so far. Errors come in Linux's
 * order: a component over NAME_MAX is ENAMETOOLONG when the walk reaches
 * it, after any missing component before it has already been ENOENT.
 */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <string.h>
#include "lib/libc/path.h"

/* Whether the canonical absolute path names a directory that exists. */
static bool directory_exists(const char *abs)
{
	return !strcmp(abs, "/");
}

static void climb(char *out)
{
	char *slash = strrchr(out, '/');

	slash[slash == out ? 1 : 0] = 0;
}

static int descend(char *out, size_t size, const char *name, size_t len)
{
	size_t used = strlen(out);
	size_t sep = out[used - 1] == '/' ? 0 : 1;

	if (used + sep + len + 1 > size)
		return -ENAMETOOLONG;
	if (sep)
		out[used++] = '/';
	memcpy(out + used, name, len);
	out[used + len] = 0;
	return directory_exists(out) ? 0 : -ENOENT;
}

int path_resolve(const char *path, char *out, size_t size)
{
	const char *cwd = path_cwd();

	if (!*path)
		return -ENOENT;
	if (strlen(path) >= PATH_MAX)
		return -ENAMETOOLONG;
	if (size < 2 || (*path != '/' && strlen(cwd) >= size))
		return -ERANGE;
	strcpy(out, *path == '/' ? "/" : cwd);
	while (*path) {
		size_t len = strcspn(path, "/");
		int rc = 0;

		if (len > NAME_MAX)
			return -ENAMETOOLONG;
		if (len == 2 && !strncmp(path, "..", 2))
			climb(out);
		else if (len && !(len == 1 && *path == '.'))
			rc = descend(out, size, path, len);
		if (rc < 0)
			return rc;
		path += len;
		path += strspn(path, "/");
	}
	return 0;
}
