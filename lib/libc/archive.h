/*
 * Reading the ramdisk's archive: cpio (newc, "070701"/"070702") and tar
 * (ustar, GNU and pax headers), chosen from the bytes themselves. Pure
 * code over a buffer, so it is unit-tested on hostile archives: every
 * size is checked against what is left, every name is bounded and made
 * canonical, and a name that climbs out ("..") rejects the archive.
 */
#ifndef LIB_LIBC_ARCHIVE_H
#define LIB_LIBC_ARCHIVE_H

#include <stddef.h>
#include <stdint.h>

#define ARCHIVE_NAME_MAX 4096

/* One member. name is canonical and relative ("a/b", "" for the root),
 * NUL-terminated, valid only during the callback, as is link. */
struct archive_entry {
	const char *name;
	uint32_t mode; /* S_IFMT bits (Linux's values) and permissions */
	uint32_t uid, gid;
	int64_t mtime;
	const void *data; /* points into the archive */
	uint64_t size;
	const char *link; /* a symlink's target, else NULL */
};

/* Why an archive was refused, for the boot message. */
struct archive_error {
	uint64_t offset; /* where in the archive */
	const char *why;
};

/* Returns 0 to go on, or a negative errno that stops the parse. */
typedef int (*archive_fn)(void *ctx, const struct archive_entry *e);

int archive_parse_cpio(const void *buf, size_t len, archive_fn fn, void *ctx,
		       struct archive_error *err);
int archive_parse_tar(const void *buf, size_t len, archive_fn fn, void *ctx,
		      struct archive_error *err);
/* Either, by the magic at the start; -EINVAL for anything else. */
int archive_parse(const void *buf, size_t len, archive_fn fn, void *ctx,
		  struct archive_error *err);
/* "cpio", "tar" or NULL. */
const char *archive_format(const void *buf, size_t len);

/*
 * name[len] (not terminated) made canonical into out[size]: leading "/"
 * and "./" and repeated slashes dropped, a trailing "/" too. -EINVAL
 * for a ".." component or a NUL inside; -ENAMETOOLONG when it does not
 * fit.
 */
int archive_canonical_name(const char *name, size_t len, char *out,
			   size_t size);

/* Linux's file-type bits, which both formats carry. */
#define ARCHIVE_S_IFMT 0170000
#define ARCHIVE_S_IFDIR 0040000
#define ARCHIVE_S_IFREG 0100000
#define ARCHIVE_S_IFLNK 0120000

#endif
