/* Which archive format a ramdisk is, from its first bytes. */
#include <errno.h>
#include <string.h>
#include "lib/libc/archive.h"

#define TAR_MAGIC_AT 257

const char *archive_format(const void *buf, size_t len)
{
	const char *p = buf;

	if (len >= 6 && (!memcmp(p, "070701", 6) || !memcmp(p, "070702", 6)))
		return "cpio";
	if (len >= TAR_MAGIC_AT + 5 && !memcmp(p + TAR_MAGIC_AT, "ustar", 5))
		return "tar";
	return NULL;
}

int archive_parse(const void *buf, size_t len, archive_fn fn, void *ctx,
		  struct archive_error *err)
{
	const char *format = archive_format(buf, len);

	if (format && !strcmp(format, "cpio"))
		return archive_parse_cpio(buf, len, fn, ctx, err);
	if (format)
		return archive_parse_tar(buf, len, fn, ctx, err);
	err->offset = 0;
	err->why = len >= 2 && !memcmp(buf, "\x1f\x8b", 2) ?
			   "a gzip file: give the archive uncompressed" :
			   "neither a cpio (newc) nor a tar archive";
	return -EINVAL;
}
