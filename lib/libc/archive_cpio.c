/*
 * cpio "newc" archives (cpio -H newc, the Linux initramfs format): a
 * 110-byte header of ASCII hex fields, the name (its size counts the
 * NUL), data, each padded to 4 bytes, until the member "TRAILER!!!".
 */
#include <errno.h>
#include <string.h>
#include "lib/libc/archive.h"

#define HEADER_SIZE 110
#define FIELD_SIZE 8
#define TRAILER "TRAILER!!!"

/* Field numbers after the 6-byte magic. */
enum {
	F_INO,
	F_MODE,
	F_UID,
	F_GID,
	F_NLINK,
	F_MTIME,
	F_FILESIZE,
	F_NAMESIZE = 11
};

struct cursor {
	const unsigned char *buf;
	size_t len, off;
	struct archive_error *err;
};

static int refuse(struct cursor *c, const char *why)
{
	c->err->offset = c->off;
	c->err->why = why;
	return -EINVAL;
}

static int hex_field(const unsigned char *h, int n, uint32_t *out)
{
	const unsigned char *p = h + 6 + n * FIELD_SIZE;
	uint32_t v = 0;

	for (int i = 0; i < FIELD_SIZE; i++) {
		unsigned char ch = p[i];
		int d;

		if (ch >= '0' && ch <= '9')
			d = ch - '0';
		else if (ch >= 'a' && ch <= 'f')
			d = ch - 'a' + 10;
		else if (ch >= 'A' && ch <= 'F')
			d = ch - 'A' + 10;
		else
			return -EINVAL;
		v = v << 4 | (uint32_t)d;
	}
	*out = v;
	return 0;
}

static size_t pad4(size_t n)
{
	return (4 - (n & 3)) & 3;
}

/* Step over n bytes and the padding to 4 after them (the header is
 * padded together with the name), if that much is left. */
static int take(struct cursor *c, size_t n, const void **at)
{
	size_t left = c->len - c->off;

	if (n > left || pad4(c->off + n) > left - n)
		return -1;
	*at = c->buf + c->off;
	c->off += n + pad4(c->off + n);
	return 0;
}

static int take_header(struct cursor *c, const void **at)
{
	if (c->len - c->off < HEADER_SIZE)
		return -1;
	*at = c->buf + c->off;
	c->off += HEADER_SIZE;
	return 0;
}

static int read_header(struct cursor *c, uint32_t f[13])
{
	const void *h;

	if (take_header(c, &h) < 0)
		return refuse(c, "truncated: no room for a member header");
	if (memcmp(h, "070701", 6) && memcmp(h, "070702", 6))
		return refuse(c, "bad cpio magic (only newc is read)");
	for (int i = 0; i < 13; i++)
		if (hex_field(h, i, &f[i]) < 0)
			return refuse(c, "a header field is not hex");
	return 0;
}

static int copy_link(struct cursor *c, const void *data, uint32_t size,
		     char *out)
{
	if (size >= ARCHIVE_NAME_MAX || memchr(data, 0, size))
		return refuse(c, "a symlink target is too long or has a NUL");
	memcpy(out, data, size);
	out[size] = 0;
	return 0;
}

static int one_member(struct cursor *c, archive_fn fn, void *ctx, int *done)
{
	char name[ARCHIVE_NAME_MAX], link[ARCHIVE_NAME_MAX];
	struct archive_entry e = { .name = name };
	const char *raw;
	uint32_t f[13];
	size_t start = c->off;
	int rc = read_header(c, f);

	if (rc < 0)
		return rc;
	if (f[F_NAMESIZE] == 0 || take(c, f[F_NAMESIZE], (const void **)&raw))
		return refuse(c, "truncated or empty member name");
	if (raw[f[F_NAMESIZE] - 1])
		return refuse(c, "a member name is not NUL-terminated");
	if (!strcmp(raw, TRAILER)) {
		*done = 1;
		return 0;
	}
	if (take(c, f[F_FILESIZE], &e.data))
		return refuse(c, "truncated: member data runs past the end");
	c->err->offset = start;
	rc = archive_canonical_name(raw, f[F_NAMESIZE] - 1, name, sizeof(name));
	if (rc < 0) {
		c->off = start;
		return refuse(c, "a member name has \"..\" or is too long");
	}
	e.mode = f[F_MODE];
	e.uid = f[F_UID];
	e.gid = f[F_GID];
	e.mtime = f[F_MTIME];
	e.size = f[F_FILESIZE];
	if ((e.mode & ARCHIVE_S_IFMT) == ARCHIVE_S_IFLNK) {
		rc = copy_link(c, e.data, f[F_FILESIZE], link);
		if (rc < 0)
			return rc;
		e.link = link;
	}
	return fn(ctx, &e);
}

int archive_parse_cpio(const void *buf, size_t len, archive_fn fn, void *ctx,
		       struct archive_error *err)
{
	struct cursor c = { .buf = buf, .len = len, .err = err };
	int done = 0;

	while (!done) {
		int rc = one_member(&c, fn, ctx, &done);

		if (rc < 0)
			return rc;
	}
	return 0;
}
