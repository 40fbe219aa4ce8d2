/*
 * Member names made canonical, the same way for cpio and tar: archives
 * made with "find . | cpio" say "./a", tar of an absolute path may say
 * "/a", and both mean the file a under the root. A ".." anywhere is
 * refused: the tree is mounted at "/", and nothing may name its way
 * out of it or above a directory it does not own.
 */
#include <errno.h>
#include <string.h>
#include "lib/libc/archive.h"

static int append(char *out, size_t size, size_t *used, const char *part,
		  size_t len)
{
	size_t sep = *used ? 1 : 0;

	if (*used + sep + len + 1 > size)
		return -ENAMETOOLONG;
	if (sep)
		out[(*used)++] = '/';
	memcpy(out + *used, part, len);
	*used += len;
	out[*used] = 0;
	return 0;
}

int archive_canonical_name(const char *name, size_t len, char *out, size_t size)
{
	size_t used = 0, i = 0;

	if (!size)
		return -ENAMETOOLONG;
	out[0] = 0;
	if (memchr(name, 0, len))
		return -EINVAL;
	while (i < len) {
		size_t part = 0;
		int rc;

		while (i + part < len && name[i + part] != '/')
			part++;
		if (part == 2 && name[i] == '.' && name[i + 1] == '.')
			return -EINVAL;
		if (part && !(part == 1 && name[i] == '.')) {
			rc = append(out, size, &used, name + i, part);
			if (rc < 0)
				return rc;
		}
		i += part + 1;
	}
	return 0;
}
