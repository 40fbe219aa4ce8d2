/*
 * tar archives: 512-byte headers with octal fields (ustar, as GNU tar
 * and POSIX pax write them), each followed by its data padded to 512.
 * Long names come as a GNU 'L'/'K' member or a pax 'x' header before
 * the member they name. The archive ends at a zero block (or, as GNU
 * tar accepts, at its end). Hard links and device nodes are skipped.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include "lib/libc/archive.h"

#define BLOCK 512

/* Offsets in the header block. */
#define H_NAME 0
#define H_MODE 100
#define H_UID 108
#define H_GID 116
#define H_SIZE 124
#define H_MTIME 136
#define H_CHKSUM 148
#define H_TYPE 156
#define H_LINK 157
#define H_MAGIC 257
#define H_PREFIX 345

struct tar {
	const unsigned char *buf;
	size_t len, off;
	struct archive_error *err;
	/* A long name or link target for the next member, when set. */
	char long_name[ARCHIVE_NAME_MAX], long_link[ARCHIVE_NAME_MAX];
	bool have_long_name, have_long_link;
	char name[ARCHIVE_NAME_MAX], link[ARCHIVE_NAME_MAX];
};

static int refuse(struct tar *t, size_t at, const char *why)
{
	t->err->offset = at;
	t->err->why = why;
	return -EINVAL;
}

/* An octal field (spaces or NULs around it), or GNU's base-256 form. */
static int number(const unsigned char *p, size_t n, uint64_t *out)
{
	uint64_t v = 0;
	size_t i = 0;

	if (p[0] & 0x80) {
		if (p[0] != 0x80)
			return -EINVAL; /* negative, or too big */
		for (i = 1; i < n; i++) {
			if (v >> 55)
				return -EINVAL;
			v = v << 8 | p[i];
		}
		*out = v;
		return 0;
	}
	while (i < n && p[i] == ' ')
		i++;
	for (; i < n && p[i] >= '0' && p[i] <= '7'; i++) {
		if (v >> 60)
			return -EINVAL;
		v = v << 3 | (uint64_t)(p[i] - '0');
	}
	for (; i < n; i++)
		if (p[i] != ' ' && p[i])
			return -EINVAL;
	*out = v;
	return 0;
}

static bool checksum_ok(const unsigned char *h)
{
	uint64_t want;
	unsigned long sum = 0;
	long ssum = 0;

	if (number(h + H_CHKSUM, 8, &want) < 0)
		return false;
	for (int i = 0; i < BLOCK; i++) {
		unsigned char c = i >= H_CHKSUM && i < H_CHKSUM + 8 ? ' ' :
								      h[i];

		sum += c;
		ssum += (signed char)c;
	}
	return want == sum || (long)want == ssum;
}

static bool all_zero(const unsigned char *h)
{
	for (int i = 0; i < BLOCK; i++)
		if (h[i])
			return false;
	return true;
}

/* The bytes of a fixed-size name field, up to its first NUL. */
static size_t field_len(const unsigned char *p, size_t n)
{
	const unsigned char *nul = memchr(p, 0, n);

	return nul ? (size_t)(nul - p) : n;
}

/* Data of size bytes at the cursor, moving past it and its padding. */
static int take_data(struct tar *t, uint64_t size, const void **data)
{
	size_t left = t->len - t->off;
	uint64_t padded = size + (BLOCK - size % BLOCK) % BLOCK;

	if (size > left)
		return refuse(t, t->off,
			      "truncated: member data runs past the end");
	*data = t->buf + t->off;
	t->off += padded > left ? left : (size_t)padded;
	return 0;
}

static int keep_text(struct tar *t, const char *p, size_t n, char *out)
{
	while (n && !p[n - 1])
		n--;
	if (n >= ARCHIVE_NAME_MAX || memchr(p, 0, n))
		return refuse(t, t->off,
			      "a long name is too long or has a NUL");
	memcpy(out, p, n);
	out[n] = 0;
	return 0;
}

/* One "LEN key=value\n" record of a pax header; *used is its length. */
static int pax_record(struct tar *t, const char *p, size_t n, size_t *used)
{
	size_t len = 0, i = 0;
	const char *key, *eq;

	for (; i < n && p[i] >= '0' && p[i] <= '9'; i++) {
		if (len > n)
			break;
		len = len * 10 + (size_t)(p[i] - '0');
	}
	if (!i || i >= n || p[i] != ' ' || len <= i + 1 || len > n ||
	    p[len - 1] != '\n')
		return refuse(t, t->off, "a malformed pax header record");
	key = p + i + 1;
	eq = memchr(key, '=', (size_t)(p + len - 1 - key));
	if (!eq)
		return refuse(t, t->off, "a pax header record without '='");
	*used = len;
	if (eq - key == 4 && !memcmp(key, "path", 4)) {
		t->have_long_name = true;
		return keep_text(t, eq + 1, (size_t)(p + len - 1 - eq - 1),
				 t->long_name);
	}
	if (eq - key == 8 && !memcmp(key, "linkpath", 8)) {
		t->have_long_link = true;
		return keep_text(t, eq + 1, (size_t)(p + len - 1 - eq - 1),
				 t->long_link);
	}
	return 0;
}

static int pax_header(struct tar *t, const char *p, uint64_t n)
{
	while (n) {
		size_t used;
		int rc = pax_record(t, p, (size_t)n, &used);

		if (rc < 0)
			return rc;
		p += used;
		n -= used;
	}
	return 0;
}

/* The member's full name: a long one, or ustar's prefix "/" name. */
static int member_name(struct tar *t, const unsigned char *h, size_t at)
{
	char joined[256 + 1];
	size_t n = field_len(h + H_NAME, 100), plen = 0;
	const char *src = t->long_name;
	int rc;

	if (!t->have_long_name) {
		/* "ustar\0": POSIX, with a prefix; GNU's "ustar " has none. */
		if (!memcmp(h + H_MAGIC, "ustar", 6))
			plen = field_len(h + H_PREFIX, 155);
		memcpy(joined, h + H_PREFIX, plen);
		if (plen)
			joined[plen++] = '/';
		memcpy(joined + plen, h + H_NAME, n);
		n += plen;
		src = joined;
	} else {
		n = strlen(t->long_name);
	}
	rc = archive_canonical_name(src, n, t->name, sizeof(t->name));
	t->have_long_name = false;
	if (rc < 0)
		return refuse(t, at, "a member name has \"..\" or is too long");
	return 0;
}

static int member_link(struct tar *t, const unsigned char *h)
{
	if (!t->have_long_link) {
		size_t n = field_len(h + H_LINK, 100);

		memcpy(t->link, h + H_LINK, n);
		t->link[n] = 0;
	} else {
		strcpy(t->link, t->long_link);
	}
	t->have_long_link = false;
	return 0;
}

static int mode_of(char type, uint64_t perms, uint32_t *mode)
{
	perms &= 07777;
	if (type == '0' || type == '\0' || type == '7')
		*mode = ARCHIVE_S_IFREG | (uint32_t)perms;
	else if (type == '5')
		*mode = ARCHIVE_S_IFDIR | (uint32_t)perms;
	else if (type == '2')
		*mode = ARCHIVE_S_IFLNK | (uint32_t)perms;
	else
		return -1;
	return 0;
}

static int header_fields(struct tar *t, const unsigned char *h, size_t at,
			 struct archive_entry *e, uint64_t *perms)
{
	uint64_t uid, gid, mtime;

	if (number(h + H_MODE, 8, perms) || number(h + H_UID, 8, &uid) ||
	    number(h + H_GID, 8, &gid) || number(h + H_MTIME, 12, &mtime) ||
	    number(h + H_SIZE, 12, &e->size))
		return refuse(t, at, "a header field is not a number");
	e->uid = (uint32_t)uid;
	e->gid = (uint32_t)gid;
	e->mtime = (int64_t)mtime;
	return 0;
}

static int one_member(struct tar *t, archive_fn fn, void *ctx, int *done)
{
	struct archive_entry e = { .name = t->name };
	const unsigned char *h = t->buf + t->off;
	size_t at = t->off;
	uint64_t perms;
	char type;
	int rc;

	if (t->len - t->off < BLOCK) {
		*done = 1; /* the end, without end-of-archive blocks */
		return t->len == t->off ?
			       0 :
			       refuse(t, at, "truncated: a partial header");
	}
	if (all_zero(h)) {
		*done = 1;
		return 0;
	}
	if (memcmp(h + H_MAGIC, "ustar", 5))
		return refuse(t, at, "bad tar magic (only ustar/GNU is read)");
	if (!checksum_ok(h))
		return refuse(t, at, "a header checksum does not match");
	rc = header_fields(t, h, at, &e, &perms);
	if (rc < 0)
		return rc;
	t->off += BLOCK;
	rc = take_data(t, e.size, &e.data);
	if (rc < 0)
		return rc;
	type = (char)h[H_TYPE];
	if (type == 'L')
		return t->have_long_name = true,
		       keep_text(t, e.data, (size_t)e.size, t->long_name);
	if (type == 'K')
		return t->have_long_link = true,
		       keep_text(t, e.data, (size_t)e.size, t->long_link);
	if (type == 'x')
		return pax_header(t, e.data, e.size);
	rc = member_name(t, h, at);
	if (rc < 0)
		return rc;
	member_link(t, h);
	if (mode_of(type, perms, &e.mode) < 0)
		return 0; /* 'g', hard links, devices, fifos: not in the tree */
	if (type == '2') {
		e.link = t->link;
		e.size = strlen(t->link);
	}
	t->err->offset = at;
	return fn(ctx, &e);
}

int archive_parse_tar(const void *buf, size_t len, archive_fn fn, void *ctx,
		      struct archive_error *err)
{
	static struct tar t;
	int done = 0;

	t = (struct tar){ .buf = buf, .len = len, .err = err };
	while (!done) {
		int rc = one_member(&t, fn, ctx, &done);

		if (rc < 0)
			return rc;
	}
	return 0;
}
