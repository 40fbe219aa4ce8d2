/*
 * Fuzzes the ramdisk's archive readers (lib/libc/archive*.c: cpio newc
 * and tar, picked by magic) and the tree built from them
 * (lib/libc/ramdisk_tree.c). The input is the archive, in a heap block
 * of exactly its size. Asserts, besides no sanitizer report:
 *  - every member handed out has a canonical relative name (no leading,
 *    trailing or doubled "/", no "." or ".." component) shorter than
 *    ARCHIVE_NAME_MAX, data inside the archive, and a symlink target
 *    (only for symlinks) that is a string shorter than ARCHIVE_NAME_MAX;
 *  - a refused archive says why, at an offset inside it;
 *  - a built tree has the root first, finds every node by its own name,
 *    links each child under the directory its name says, and resolving
 *    a name ends on a node of the tree (never a symlink when the last
 *    one is followed) or fails with a documented error;
 *  - archive_canonical_name's output is canonical, and canonical again
 *    unchanged.
 */
#include <errno.h>
#include <stdbool.h>

#include "lib/libc/archive.h"
#include "lib/libc/ramdisk_tree.h"
#include "fuzz.h"

/* Nodes resolved per input, to keep each run short. */
#define RESOLVE_MAX 64

struct archive_view {
	const uint8_t *buf;
	size_t len;
	unsigned int members;
};

static void check_canonical(const char *name)
{
	size_t len = strlen(name);
	const char *p = name;

	FUZZ_CHECK(len < ARCHIVE_NAME_MAX);
	if (!len)
		return;
	FUZZ_CHECK(name[0] != '/' && name[len - 1] != '/');
	while (*p) {
		size_t part = strcspn(p, "/");

		FUZZ_CHECK(part > 0);
		FUZZ_CHECK(!(part == 1 && p[0] == '.'));
		FUZZ_CHECK(!(part == 2 && p[0] == '.' && p[1] == '.'));
		p += part + (p[part] == '/');
	}
}

static int check_member(void *ctx, const struct archive_entry *e)
{
	struct archive_view *v = ctx;
	const uint8_t *data = e->data;
	bool symlink = (e->mode & ARCHIVE_S_IFMT) == ARCHIVE_S_IFLNK;

	v->members++;
	check_canonical(e->name);
	FUZZ_CHECK(data >= v->buf && data <= v->buf + v->len);
	if (symlink) {
		FUZZ_CHECK(e->link && strlen(e->link) < ARCHIVE_NAME_MAX);
		return 0;
	}
	FUZZ_CHECK(!e->link);
	FUZZ_CHECK(e->size <= (uint64_t)(v->buf + v->len - data));
	return 0;
}

static void check_parse(const uint8_t *buf, size_t len)
{
	struct archive_view v = { buf, len, 0 };
	struct archive_error err = { 0, NULL };
	int rc = archive_parse(buf, len, check_member, &v, &err);

	FUZZ_CHECK(rc == 0 || rc == -EINVAL);
	if (rc)
		FUZZ_CHECK(err.why && err.offset <= len);
	if (!archive_format(buf, len))
		FUZZ_CHECK(rc == -EINVAL && v.members == 0);
}

static bool is_dir(const struct rd_node *n)
{
	return (n->mode & ARCHIVE_S_IFMT) == ARCHIVE_S_IFDIR;
}

static void check_children(const struct rd_tree *t, size_t dir)
{
	const struct rd_node *d = &t->nodes[dir];
	size_t dlen = strlen(d->name), seen = 0;

	for (int c = d->first_child; c >= 0; c = t->nodes[c].next_sibling) {
		const struct rd_node *n = &t->nodes[c];

		FUZZ_CHECK((size_t)c < t->count && ++seen < t->count);
		FUZZ_CHECK(is_dir(d));
		if (dlen)
			FUZZ_CHECK(!strncmp(n->name, d->name, dlen) &&
				   n->name[dlen] == '/');
		FUZZ_CHECK(!strchr(n->base, '/') &&
			   !strcmp(n->name + strlen(n->name) - strlen(n->base),
				   n->base));
	}
}

static void check_resolve(const struct rd_tree *t, const char *name)
{
	for (int follow = 0; follow < 2; follow++) {
		int err = 0;
		const struct rd_node *n =
			rd_tree_resolve(t, name, follow, &err);

		if (!n) {
			FUZZ_CHECK(err == -ENOENT || err == -ENOTDIR ||
				   err == -ELOOP || err == -ENAMETOOLONG);
			continue;
		}
		FUZZ_CHECK(n >= t->nodes && n < t->nodes + t->count);
		if (follow)
			FUZZ_CHECK((n->mode & ARCHIVE_S_IFMT) !=
					   ARCHIVE_S_IFLNK ||
				   !n->link);
	}
}

static void check_tree(const uint8_t *buf, size_t len)
{
	struct archive_error err = { 0, NULL };
	struct rd_tree t;

	if (rd_tree_build(buf, len, &t, &err) < 0) {
		FUZZ_CHECK(err.why);
		return;
	}
	FUZZ_CHECK(t.count >= 1 && !strcmp(t.nodes[0].name, "") &&
		   is_dir(&t.nodes[0]));
	for (size_t i = 0; i < t.count; i++) {
		FUZZ_CHECK(rd_tree_lookup(&t, t.nodes[i].name) == &t.nodes[i]);
		check_canonical(t.nodes[i].name);
		check_children(&t, i);
		if (i < RESOLVE_MAX)
			check_resolve(&t, t.nodes[i].name);
	}
	rd_tree_free(&t);
}

static void check_name(const char *raw, size_t len)
{
	char out[ARCHIVE_NAME_MAX], again[ARCHIVE_NAME_MAX];

	if (archive_canonical_name(raw, len, out, sizeof(out)) < 0)
		return;
	check_canonical(out);
	FUZZ_CHECK(archive_canonical_name(out, strlen(out), again,
					  sizeof(again)) == 0);
	FUZZ_CHECK(!strcmp(out, again));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *buf = fuzz_dup(data, size);

	check_parse(buf, size);
	check_tree(buf, size);
	check_name((const char *)buf, size);
	free(buf);
	return 0;
}
