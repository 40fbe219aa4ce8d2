/* scandir and alphasort, over opendir/readdir (dir.c). */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "lib/libc/errno.h"

int alphasort(const struct dirent **a, const struct dirent **b)
{
	return strcoll((*a)->d_name, (*b)->d_name);
}

static void free_list(struct dirent **list, size_t n)
{
	while (n)
		free(list[--n]);
	free(list);
}

/* Append a copy of e to *list (n entries, cap slots): 0 or -ENOMEM. */
static int append(struct dirent ***list, size_t *n, size_t *cap,
		  const struct dirent *e)
{
	struct dirent *copy;

	if (*n == *cap) {
		size_t grown = *cap ? *cap * 2 : 16;
		struct dirent **bigger =
			realloc(*list, grown * sizeof(*bigger));

		if (!bigger)
			return -ENOMEM;
		*list = bigger;
		*cap = grown;
	}
	copy = malloc(sizeof(*copy));
	if (!copy)
		return -ENOMEM;
	*copy = *e;
	(*list)[(*n)++] = copy;
	return 0;
}

int scandir(const char *path, struct dirent ***out,
	    int (*keep)(const struct dirent *),
	    int (*compare)(const struct dirent **, const struct dirent **))
{
	DIR *d = opendir(path);
	struct dirent **list = NULL, *e;
	size_t n = 0, cap = 0;

	if (!d)
		return -1;
	while ((e = readdir(d))) {
		if (keep && !keep(e))
			continue;
		if (append(&list, &n, &cap, e) < 0) {
			free_list(list, n);
			closedir(d);
			libc_set_errno(ENOMEM);
			return -1;
		}
	}
	closedir(d);
	if (compare && n)
		qsort(list, n, sizeof(*list),
		      (int (*)(const void *, const void *))compare);
	*out = list;
	return (int)n;
}
