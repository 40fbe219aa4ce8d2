/*
 * The ramdisk's archive as a tree to look names up in: every member
 * (and every directory a member's name implies but the archive left
 * out) is one node, sorted by name, with each directory's children
 * linked in name order. File data stays in the archive. Pure code (it
 * only allocates), unit-tested with the parsers.
 */
#ifndef LIB_LIBC_RAMDISK_TREE_H
#define LIB_LIBC_RAMDISK_TREE_H

#include <stddef.h>
#include <stdint.h>
#include "lib/libc/archive.h"

struct rd_node {
	char *name; /* canonical, relative: "" is the root */
	const char *base; /* the last component of name */
	uint32_t mode, uid, gid;
	int64_t mtime;
	const void *data;
	uint64_t size;
	char *link; /* a symlink's target */
	int first_child, next_sibling; /* indexes, -1 for none */
	/* While building: members before dedup, implied parents. */
	unsigned seq;
	int implied;
};

struct rd_tree {
	struct rd_node *nodes; /* nodes[0] is the root */
	size_t count, cap;
	const char *format; /* "cpio" or "tar" */
	struct archive_error *err;
};

/*
 * Parse the archive buf[len] into *tree. 0, or a negative errno with
 * err saying why (a duplicate of another type, a member under a file,
 * or any of the parser's reasons).
 */
int rd_tree_build(const void *buf, size_t len, struct rd_tree *tree,
		  struct archive_error *err);
void rd_tree_free(struct rd_tree *tree);

/* The node with this canonical relative name, or NULL. */
const struct rd_node *rd_tree_lookup(const struct rd_tree *tree,
				     const char *name);

/* The inode number a node reports (its index, plus one). */
static inline unsigned long rd_tree_ino(const struct rd_tree *tree,
					const struct rd_node *node)
{
	return (unsigned long)(node - tree->nodes) + 1;
}

#endif
