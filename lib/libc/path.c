/*
 * Resolving path names component by component, as the kernel of a Unix
 * does: "." stays, ".." climbs (and stays at "/"), and every other name
 * must be a directory of the tree reached so far, except the last, which
 * must exist (or, for the callers that create it, may be missing). Errors
 * come in Linux's order: a component over NAME_MAX is ENAMETOOLONG when
 * the walk reaches it, after any missing component before it has already
 * been ENOENT; a component that is a file where a directory is needed is
 * ENOTDIR.
 */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include "lib/libc/path.h"
#include "lib/libc/vfs_lookup.h"

static void climb(char *out)
{
	char *slash = strrchr(out, '/');

	slash[slash == out ? 1 : 0] = 0;
}

static int append(char *out, size_t size, const char *name, size_t len)
{
	size_t used = strlen(out);
	size_t sep = out[used - 1] == '/' ? 0 : 1;

	if (used + sep + len + 1 > size)
		return -ENAMETOOLONG;
	if (sep)
		out[used++] = '/';
	memcpy(out + used, name, len);
	out[used + len] = 0;
	return 0;
}

/* Where the walk stands: whether out names something, and its stat. */
struct walk {
	bool missing;
	struct stat st;
};

/* A name before another one: it must be a directory that exists. */
static int need_directory(const struct walk *w)
{
	if (w->missing)
		return -ENOENT;
	return S_ISDIR(w->st.st_mode) ? 0 : -ENOTDIR;
}

static int step(char *out, size_t size, const char *name, size_t len,
		bool follow, struct walk *w)
{
	int rc = need_directory(w);

	if (rc < 0)
		return rc;
	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	if (len == 2 && !strncmp(name, "..", 2))
		climb(out);
	else if (!(len == 1 && *name == '.'))
		rc = append(out, size, name, len);
	if (rc < 0)
		return rc;
	rc = follow ? vfs_stat_abs(out, &w->st) : vfs_lstat_abs(out, &w->st);
	w->missing = rc == -ENOENT;
	return w->missing ? 0 : rc;
}

int path_walk(const char *path, char *out, size_t size, int flags,
	      struct stat *st)
{
	const char *cwd = path_cwd();
	struct walk w = { 0 };
	bool trailing_slash;
	int rc;

	if (!*path)
		return -ENOENT;
	if (strlen(path) >= PATH_MAX)
		return -ENAMETOOLONG;
	if (size < 2 || (*path != '/' && strlen(cwd) >= size))
		return -ERANGE;
	trailing_slash = path[strlen(path) - 1] == '/';
	strcpy(out, *path == '/' ? "/" : cwd);
	rc = vfs_stat_abs(out, &w.st);
	if (rc < 0)
		return rc;
	path += strspn(path, "/");
	while (*path) {
		size_t len = strcspn(path, "/");
		/* Only a last name with no slash after it may stay a link. */
		bool last = !path[len];

		rc = step(out, size, path, len,
			  !(last && (flags & PATH_NOFOLLOW)), &w);
		if (rc < 0)
			return rc;
		path += len;
		path += strspn(path, "/");
	}
	if (w.missing)
		return flags & PATH_LAST_MAY_BE_MISSING ? PATH_MISSING :
							  -ENOENT;
	/* "file/" names a directory that file is not. */
	if (trailing_slash && !S_ISDIR(w.st.st_mode))
		return -ENOTDIR;
	if (st)
		*st = w.st;
	return 0;
}

int path_resolve(const char *path, char *out, size_t size)
{
	int rc = path_walk(path, out, size, 0, NULL);

	return rc > 0 ? -ENOENT : rc;
}
