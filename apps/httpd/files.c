/* files.c: finding and reading what httpd serves (the --root tree, embedded files and
 * /big.bin). */
#include "files.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *root;

static const struct file big = { .path = BIG_PATH,
				 .type = "application/octet-stream",
				 .size = BIG_SIZE };

/* splitmix64 (Steele, Lea, Flood 2014) of k: a counter-based generator, so any part of
 * /big.bin is made without the rest. */
uint64_t big_word(uint64_t k)
{
	uint64_t z = (k + 1) * 0x9e3779b97f4a7c15ull;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static void big_read(size_t off, unsigned char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++, off++)
		buf[i] = (unsigned char)(big_word(off / 8) >> (8 * (off % 8)));
}

void files_set_root(const char *dir)
{
	root = dir;
}

static int hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Append the segment seg[n] to out (used bytes), applying "." and "..". */
static int segment(char *out, size_t size, size_t *used, const char *seg,
		   size_t n)
{
	if (n == 0 || (n == 1 && seg[0] == '.'))
		return 0;
	if (n == 2 && seg[0] == '.' && seg[1] == '.') {
		while (*used && out[--*used] != '/')
			;
		out[*used] = 0;
		return 0;
	}
	if (*used + 1 + n + 1 > size)
		return -1;
	out[(*used)++] = '/';
	memcpy(out + *used, seg, n);
	*used += n;
	out[*used] = 0;
	return 0;
}

int files_url_path(const char *target, size_t len, char *out, size_t size)
{
	char decoded[PATH_MAX], *seg;
	size_t n = 0, used = 0;

	if (!len || target[0] != '/' || size < 2)
		return -1;
	for (size_t i = 0; i < len; i++, n++) {
		char c = target[i];

		if (n + 1 >= sizeof(decoded))
			return -1;
		if (c == '%') {
			if (i + 2 >= len || hex(target[i + 1]) < 0 ||
			    hex(target[i + 2]) < 0)
				return -1;
			c = (char)(hex(target[i + 1]) << 4 |
				   hex(target[i + 2]));
			i += 2;
		}
		if (c == 0)
			return -1;
		decoded[n] = c;
	}
	decoded[n] = 0;
	out[0] = 0;
	for (seg = decoded; *seg;) {
		size_t k = strcspn(seg, "/");

		if (segment(out, size, &used, seg, k) < 0)
			return -1;
		seg += k + (seg[k] == '/');
	}
	if (!used)
		strcpy(out, "/");
	return 0;
}

static const char *type_of(const char *name)
{
	static const char *const types[][2] = {
		{ ".html", "text/html; charset=utf-8" },
		{ ".css", "text/css" },
		{ ".js", "text/javascript" },
		{ ".txt", "text/plain; charset=utf-8" },
		{ ".svg", "image/svg+xml" },
		{ ".png", "image/png" },
		{ ".json", "application/json" },
	};
	size_t len = strlen(name);

	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		size_t ext = strlen(types[i][0]);

		if (len > ext && !strcmp(name + len - ext, types[i][0]))
			return types[i][1];
	}
	return "application/octet-stream";
}

/* A regular file at path, open in *f; a directory gives its index.html. */
static int tree_open(char *path, size_t size, struct file *f)
{
	struct stat st;
	int fd = open(path, O_RDONLY);

	if (fd < 0 || fstat(fd, &st) < 0)
		goto fail;
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		if (strlen(path) + sizeof("/index.html") > size)
			return -1;
		strcat(path, "/index.html");
		fd = open(path, O_RDONLY);
		if (fd < 0 || fstat(fd, &st) < 0)
			goto fail;
	}
	if (!S_ISREG(st.st_mode))
		goto fail;
	*f = (struct file){ .path = "",
			    .type = type_of(path),
			    .size = (size_t)st.st_size,
			    .from_tree = 1,
			    .fd = fd };
	return 0;
fail:
	if (fd >= 0)
		close(fd);
	return -1;
}

static const struct file *tree_lookup(const char *target, size_t len,
				      struct file *f)
{
	char rel[PATH_MAX], path[2 * PATH_MAX];

	if (files_url_path(target, len, rel, sizeof(rel)) < 0)
		return NULL;
	snprintf(path, sizeof(path), "%s%s", root, rel);
	return tree_open(path, sizeof(path), f) < 0 ? NULL : f;
}

void files_release(struct file *f)
{
	if (f->from_tree)
		close(f->fd);
	f->from_tree = 0;
}

const struct file *files_lookup(const char *target, struct file *scratch)
{
	size_t len = strcspn(target, "?#");

	if (root && tree_lookup(target, len, scratch))
		return scratch;

	if (len == 1 && target[0] == '/')
		target = "/index.html", len = strlen(target);
	if (len == strlen(BIG_PATH) && !memcmp(target, BIG_PATH, len))
		return &big;
	for (size_t i = 0; i < www_nfiles; i++)
		if (strlen(www_files[i].path) == len &&
		    !memcmp(www_files[i].path, target, len))
			return &www_files[i];
	return NULL;
}

size_t files_read(const struct file *f, size_t off, unsigned char *buf,
		  size_t n)
{
	if (off >= f->size)
		return 0;
	if (n > f->size - off)
		n = f->size - off;
	if (f->from_tree) {
		ssize_t got = pread(f->fd, buf, n, (off_t)off);

		return got < 0 ? 0 : (size_t)got;
	}
	if (f->data)
		memcpy(buf, f->data + off, n);
	else
		big_read(off, buf, n);
	return n;
}
