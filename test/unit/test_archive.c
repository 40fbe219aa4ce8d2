/*
 * Unit tests for the ramdisk's archive readers (lib/libc/archive*.c)
 * and the tree built from them (lib/libc/ramdisk_tree.c): good cpio
 * (newc) and tar (GNU and POSIX ustar, long names) archives, then
 * truncated and hostile ones (names with "..", absolute names, sizes
 * past the end or overflowing, names without their NUL, duplicates),
 * which must be refused with a reason and never read out of bounds
 * (the tests run under AddressSanitizer).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/libc/archive.h"
#include "lib/libc/ramdisk_tree.h"

#define DIR_MODE (ARCHIVE_S_IFDIR | 0755)
#define REG_MODE (ARCHIVE_S_IFREG | 0644)
#define LNK_MODE (ARCHIVE_S_IFLNK | 0777)

struct buf {
	unsigned char *p;
	size_t len;
};

static void grow(struct buf *b, const void *data, size_t n)
{
	b->p = realloc(b->p, b->len + n + 1);
	assert_non_null(b->p);
	memcpy(b->p + b->len, data, n);
	b->len += n;
}

static void pad(struct buf *b, size_t to)
{
	static const unsigned char zero[512];

	grow(b, zero, (to - b->len % to) % to);
}

/* One cpio newc member with an explicit name size (counting the NUL). */
static void cpio_raw(struct buf *b, const char *name, size_t namesize,
		     unsigned mode, const char *data, unsigned long size)
{
	char h[111];

	snprintf(h, sizeof(h),
		 "070701%08X%08X%08X%08X%08X%08X%08lX%08X%08X%08X%08X%08zX%08X",
		 1u, mode, 0u, 0u, 1u, 1700000000u, size, 0u, 0u, 0u, 0u,
		 namesize, 0u);
	grow(b, h, 110);
	grow(b, name, namesize);
	pad(b, 4);
	if (data) {
		grow(b, data, strlen(data));
		pad(b, 4);
	}
}

static void cpio_add(struct buf *b, const char *name, unsigned mode,
		     const char *data)
{
	cpio_raw(b, name, strlen(name) + 1, mode, data,
		 data ? strlen(data) : 0);
}

static void cpio_end(struct buf *b)
{
	cpio_add(b, "TRAILER!!!", 0, NULL);
}

/* One tar header; magic "ustar" (POSIX, 6 bytes with NUL) or GNU. */
static void tar_header(struct buf *b, const char *name, size_t name_len,
		       char type, const char *size_field, int posix,
		       const char *prefix)
{
	unsigned char h[512] = { 0 };
	unsigned sum = 0;

	memcpy(h, name, name_len);
	memcpy(h + 100, "0000644", 8);
	memcpy(h + 108, "0001750", 8);
	memcpy(h + 116, "0001750", 8);
	memcpy(h + 124, size_field, strlen(size_field));
	memcpy(h + 136, "14524770400", 12);
	h[156] = (unsigned char)type;
	if (posix)
		memcpy(h + 257,
		       "ustar\0"
		       "00",
		       8);
	else
		memcpy(h + 257, "ustar  ", 8);
	if (prefix)
		memcpy(h + 345, prefix, strlen(prefix));
	memset(h + 148, ' ', 8);
	for (int i = 0; i < 512; i++)
		sum += h[i];
	snprintf((char *)h + 148, 8, "%06o", sum);
	grow(b, h, 512);
}

static void tar_add(struct buf *b, const char *name, char type,
		    const char *data)
{
	char size[32];

	snprintf(size, sizeof(size), "%011lo", data ? strlen(data) : 0ul);
	tar_header(b, name, strlen(name), type, size, 0, NULL);
	if (data) {
		grow(b, data, strlen(data));
		pad(b, 512);
	}
}

static void tar_end(struct buf *b)
{
	pad(b, 512);
	grow(b, (char[1024]){ 0 }, 1024);
}

static struct rd_tree build_ok(struct buf *b)
{
	struct rd_tree t;
	struct archive_error err = { 0 };
	int rc = rd_tree_build(b->p, b->len, &t, &err);

	if (rc)
		print_error("refused at %llu: %s\n",
			    (unsigned long long)err.offset, err.why);
	assert_int_equal(rc, 0);
	return t;
}

static const char *build_bad(struct buf *b)
{
	struct rd_tree t;
	struct archive_error err = { 0 };

	assert_int_equal(rd_tree_build(b->p, b->len, &t, &err), -EINVAL);
	assert_non_null(err.why);
	return err.why;
}

static void assert_file(struct rd_tree *t, const char *name,
			const char *content)
{
	const struct rd_node *n = rd_tree_lookup(t, name);

	assert_non_null(n);
	assert_int_equal(n->mode & ARCHIVE_S_IFMT, ARCHIVE_S_IFREG);
	assert_int_equal(n->size, strlen(content));
	assert_memory_equal(n->data, content, strlen(content));
}

/* The names of dir's children, in order, joined by spaces. */
static void assert_children(struct rd_tree *t, const char *dir,
			    const char *want)
{
	const struct rd_node *d = rd_tree_lookup(t, dir);
	char got[256] = "";

	assert_non_null(d);
	for (int i = d->first_child; i >= 0; i = t->nodes[i].next_sibling) {
		if (*got)
			strcat(got, " ");
		strcat(got, t->nodes[i].base);
	}
	assert_string_equal(got, want);
}

static void cpio_good(void **state)
{
	struct buf b = { 0 };
	struct rd_tree t;
	const struct rd_node *n;

	(void)state;
	cpio_add(&b, ".", DIR_MODE, NULL);
	cpio_add(&b, "./www", DIR_MODE, NULL);
	cpio_add(&b, "./www/index.html", REG_MODE, "<h1>hi</h1>\n");
	cpio_add(&b, "./www/a", REG_MODE, "abc");
	cpio_add(&b, "./empty", REG_MODE, "");
	cpio_add(&b, "./link", LNK_MODE, "www/a");
	cpio_end(&b);
	t = build_ok(&b);
	assert_string_equal(t.format, "cpio");
	assert_file(&t, "www/index.html", "<h1>hi</h1>\n");
	assert_file(&t, "www/a", "abc");
	assert_file(&t, "empty", "");
	n = rd_tree_lookup(&t, "link");
	assert_non_null(n);
	assert_string_equal(n->link, "www/a");
	n = rd_tree_lookup(&t, "www");
	assert_int_equal(n->mode, DIR_MODE);
	assert_int_equal(n->mtime, 1700000000);
	assert_children(&t, "", "empty link www");
	assert_children(&t, "www", "a index.html");
	assert_null(rd_tree_lookup(&t, "www/b"));
	rd_tree_free(&t);
	free(b.p);
}

/* Parents a member implies are directories, even when not listed. */
static void implied_directories(void **state)
{
	struct buf b = { 0 };
	struct rd_tree t;

	(void)state;
	cpio_add(&b, "a/b/c/file", REG_MODE, "x");
	cpio_end(&b);
	t = build_ok(&b);
	assert_int_equal(rd_tree_lookup(&t, "a/b")->mode & ARCHIVE_S_IFMT,
			 ARCHIVE_S_IFDIR);
	assert_children(&t, "a/b/c", "file");
	rd_tree_free(&t);
	free(b.p);
}

static void tar_gnu_good(void **state)
{
	struct buf b = { 0 };
	struct rd_tree t;
	char longname[300];
	const struct rd_node *n;

	(void)state;
	memset(longname, 'n', sizeof(longname));
	memcpy(longname, "dir/", 4);
	longname[299] = 0;
	tar_add(&b, "./", '5', NULL);
	tar_add(&b, "./dir/", '5', NULL);
	tar_add(&b, "./dir/hello.txt", '0', "hello, tar\n");
	tar_add(&b, "././@LongLink", 'L', longname);
	tar_add(&b, "dir/nnnnnnnnn", '0', "long");
	tar_add(&b, "dir/sym", '2', NULL);
	tar_end(&b);
	t = build_ok(&b);
	assert_string_equal(t.format, "tar");
	assert_file(&t, "dir/hello.txt", "hello, tar\n");
	assert_file(&t, longname, "long");
	assert_null(rd_tree_lookup(&t, "dir/nnnnnnnnn"));
	n = rd_tree_lookup(&t, "dir/hello.txt");
	assert_int_equal(n->mode, REG_MODE);
	assert_int_equal(n->uid, 01750);
	assert_int_equal(n->mtime, 014524770400);
	rd_tree_free(&t);
	free(b.p);
}

/* POSIX ustar: prefix "/" name; a 100-byte name has no NUL. */
static void tar_posix_prefix(void **state)
{
	struct buf b = { 0 };
	struct rd_tree t;
	char name100[101];

	(void)state;
	memset(name100, 'x', 100);
	name100[100] = 0;
	tar_header(&b, "file.txt", 8, '0', "00000000003", 1, "deep/er");
	grow(&b, "abc", 3);
	pad(&b, 512);
	tar_header(&b, name100, 100, '0', "00000000001", 1, NULL);
	grow(&b, "z", 1);
	tar_end(&b);
	t = build_ok(&b);
	assert_file(&t, "deep/er/file.txt", "abc");
	assert_file(&t, name100, "z");
	rd_tree_free(&t);
	free(b.p);
}

/* A pax header's path= names the next member. */
static void tar_pax_path(void **state)
{
	struct buf b = { 0 };
	struct rd_tree t;
	const char *rec = "22 path=pax/named.txt\n";

	(void)state;
	tar_add(&b, "PaxHeaders/x", 'x', rec);
	tar_add(&b, "short", '0', "p");
	tar_end(&b);
	t = build_ok(&b);
	assert_file(&t, "pax/named.txt", "p");
	assert_null(rd_tree_lookup(&t, "short"));
	rd_tree_free(&t);
	free(b.p);
}

/* Every prefix of a good archive is refused or read, never overread. */
static void truncated(struct buf *b, int all_refused)
{
	for (size_t len = 0; len < b->len; len++) {
		struct rd_tree t;
		struct archive_error err = { 0 };
		unsigned char *copy = malloc(len ? len : 1);
		int rc;

		memcpy(copy, b->p, len);
		rc = rd_tree_build(copy, len, &t, &err);
		if (rc == 0) {
			if (all_refused)
				fail_msg("prefix of %zu bytes accepted", len);
			rd_tree_free(&t);
		} else {
			assert_int_equal(rc, -EINVAL);
			assert_non_null(err.why);
		}
		free(copy);
	}
}

static void cpio_truncated(void **state)
{
	struct buf b = { 0 };

	(void)state;
	cpio_add(&b, "./dir", DIR_MODE, NULL);
	cpio_add(&b, "./dir/f", REG_MODE, "0123456789");
	cpio_end(&b);
	truncated(&b, 1);
	free(b.p);
}

static void tar_truncated(void **state)
{
	struct buf b = { 0 };

	(void)state;
	tar_add(&b, "dir/", '5', NULL);
	tar_add(&b, "dir/f", '0', "0123456789");
	tar_end(&b);
	/* A cut at a member boundary reads as a tar without end blocks. */
	truncated(&b, 0);
	b.len = 512 + 512 + 5; /* mid-data */
	build_bad(&b);
	free(b.p);
}

static void dotdot_refused(void **state)
{
	const char *names[] = { "../etc/passwd", "a/../../b", "a/..", ".." };

	(void)state;
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		struct buf b = { 0 }, t = { 0 };

		cpio_add(&b, names[i], REG_MODE, "x");
		cpio_end(&b);
		assert_string_equal(build_bad(&b),
				    "a member name has \"..\" or is too long");
		tar_add(&t, names[i], '0', "x");
		tar_end(&t);
		build_bad(&t);
		free(b.p);
		free(t.p);
	}
}

static void absolute_names_are_relative(void **state)
{
	struct buf b = { 0 }, t = { 0 };
	struct rd_tree tree;

	(void)state;
	cpio_add(&b, "/etc//passwd", REG_MODE, "root");
	cpio_end(&b);
	tree = build_ok(&b);
	assert_file(&tree, "etc/passwd", "root");
	rd_tree_free(&tree);
	tar_add(&t, "/abs/./f", '0', "y");
	tar_end(&t);
	tree = build_ok(&t);
	assert_file(&tree, "abs/f", "y");
	rd_tree_free(&tree);
	free(b.p);
	free(t.p);
}

static void sizes_past_the_end(void **state)
{
	struct buf b = { 0 }, t = { 0 }, t2 = { 0 }, t3 = { 0 };

	(void)state;
	/* cpio: a 4 GiB - 1 file in a tiny archive. */
	cpio_raw(&b, "big", 4, REG_MODE, NULL, 0xffffffffUL);
	grow(&b, "data", 4);
	cpio_end(&b);
	assert_string_equal(build_bad(&b),
			    "truncated: member data runs past the end");
	/* tar: 8 GiB octal; base-256 near 2^64; a negative base-256. */
	tar_header(&t, "big", 3, '0', "77777777777", 0, NULL);
	tar_end(&t);
	build_bad(&t);
	tar_header(&t2, "huge", 4, '0',
		   "\x80\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", 0, NULL);
	tar_end(&t2);
	build_bad(&t2);
	tar_header(&t3, "neg", 3, '0',
		   "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", 0, NULL);
	tar_end(&t3);
	build_bad(&t3);
	free(b.p);
	free(t.p);
	free(t2.p);
	free(t3.p);
}

static void cpio_bad_names(void **state)
{
	struct buf b = { 0 }, z = { 0 }, nul = { 0 };

	(void)state;
	/* namesize counts a NUL that is not there. */
	cpio_raw(&b, "abcd", 4, REG_MODE, "x", 1);
	cpio_end(&b);
	assert_string_equal(build_bad(&b),
			    "a member name is not NUL-terminated");
	/* namesize 0. */
	cpio_raw(&z, "", 0, REG_MODE, NULL, 0);
	cpio_end(&z);
	build_bad(&z);
	/* A NUL inside the name. */
	cpio_raw(&nul, "a\0b", 4, REG_MODE, NULL, 0);
	cpio_end(&nul);
	build_bad(&nul);
	free(b.p);
	free(z.p);
	free(nul.p);
}

static void cpio_bad_header(void **state)
{
	struct buf b = { 0 };

	(void)state;
	cpio_add(&b, "f", REG_MODE, "x");
	cpio_end(&b);
	b.p[6 + 8 * 6] = 'g'; /* filesize field */
	assert_string_equal(build_bad(&b), "a header field is not hex");
	free(b.p);
}

static void tar_bad_checksum(void **state)
{
	struct buf b = { 0 };

	(void)state;
	tar_add(&b, "f", '0', "x");
	tar_end(&b);
	b.p[0] = 'g';
	assert_string_equal(build_bad(&b), "a header checksum does not match");
	free(b.p);
}

static void duplicates(void **state)
{
	struct buf same = { 0 }, other = { 0 }, under = { 0 };
	struct rd_tree t;

	(void)state;
	/* The later of two files wins, as extraction would leave it. */
	tar_add(&same, "f", '0', "first");
	tar_add(&same, "f", '0', "second");
	tar_end(&same);
	t = build_ok(&same);
	assert_file(&t, "f", "second");
	assert_children(&t, "", "f");
	rd_tree_free(&t);
	/* A file and a directory of one name. */
	cpio_add(&other, "d", DIR_MODE, NULL);
	cpio_add(&other, "d", REG_MODE, "x");
	cpio_end(&other);
	assert_string_equal(build_bad(&other),
			    "a duplicate member with another type");
	/* A member under a file. */
	cpio_add(&under, "f", REG_MODE, "x");
	cpio_add(&under, "f/g", REG_MODE, "y");
	cpio_end(&under);
	assert_string_equal(build_bad(&under), "a member is under a name "
					       "that is not a directory");
	free(same.p);
	free(other.p);
	free(under.p);
}

static void not_an_archive(void **state)
{
	struct buf b = { 0 };
	struct rd_tree t;
	struct archive_error err = { 0 };

	(void)state;
	grow(&b, "\x1f\x8b\x08\x00", 4);
	assert_int_equal(rd_tree_build(b.p, b.len, &t, &err), -EINVAL);
	assert_string_equal(err.why,
			    "a gzip file: give the archive uncompressed");
	assert_int_equal(rd_tree_build(b.p, 0, &t, &err), -EINVAL);
	assert_string_equal(err.why, "neither a cpio (newc) nor a tar archive");
	free(b.p);
}

static void canonical_names(void **state)
{
	char out[16];

	(void)state;
	assert_int_equal(archive_canonical_name("./a//b/./c/", 11, out, 16), 0);
	assert_string_equal(out, "a/b/c");
	assert_int_equal(archive_canonical_name("/", 1, out, 16), 0);
	assert_string_equal(out, "");
	assert_int_equal(archive_canonical_name("a/..b", 5, out, 16), 0);
	assert_string_equal(out, "a/..b");
	assert_int_equal(archive_canonical_name("a/../b", 6, out, 16), -EINVAL);
	assert_int_equal(archive_canonical_name("0123456789abcdef", 16, out,
						16),
			 -ENAMETOOLONG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cpio_good),
		cmocka_unit_test(implied_directories),
		cmocka_unit_test(tar_gnu_good),
		cmocka_unit_test(tar_posix_prefix),
		cmocka_unit_test(tar_pax_path),
		cmocka_unit_test(cpio_truncated),
		cmocka_unit_test(tar_truncated),
		cmocka_unit_test(dotdot_refused),
		cmocka_unit_test(absolute_names_are_relative),
		cmocka_unit_test(sizes_past_the_end),
		cmocka_unit_test(cpio_bad_names),
		cmocka_unit_test(cpio_bad_header),
		cmocka_unit_test(tar_bad_checksum),
		cmocka_unit_test(duplicates),
		cmocka_unit_test(not_an_archive),
		cmocka_unit_test(canonical_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
