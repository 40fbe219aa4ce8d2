/*
 * Building the ramdisk tree: collect members (and the directories their
 * names imply), sort by name, merge duplicates as tar and cpio extract
 * them (a later member replaces an earlier one of the same type; one of
 * another type is an error, as is a member under a file), then link
 * each directory's children.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "lib/libc/ramdisk_tree.h"

#define IS_DIR(mode) (((mode)&ARCHIVE_S_IFMT) == ARCHIVE_S_IFDIR)
#define IMPLIED_DIR_MODE (ARCHIVE_S_IFDIR | 0755)

static int refuse(struct rd_tree *t, const char *why)
{
	t->err->why = why;
	return -EINVAL;
}

static struct rd_node *new_node(struct rd_tree *t, const char *name, size_t len)
{
	struct rd_node *n;

	if (t->count == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		struct rd_node *grown = realloc(t->nodes, cap * sizeof(*grown));

		if (!grown)
			return NULL;
		t->nodes = grown;
		t->cap = cap;
	}
	n = &t->nodes[t->count];
	*n = (struct rd_node){ .mode = IMPLIED_DIR_MODE,
			       .implied = 1,
			       .first_child = -1,
			       .next_sibling = -1,
			       .seq = (unsigned)t->count };
	n->name = malloc(len + 1);
	if (!n->name)
		return NULL;
	memcpy(n->name, name, len);
	n->name[len] = 0;
	t->count++;
	return n;
}

/* Every proper ancestor of name, as an implied directory. */
static int add_ancestors(struct rd_tree *t, const char *name)
{
	for (const char *p = strchr(name, '/'); p; p = strchr(p + 1, '/'))
		if (!new_node(t, name, (size_t)(p - name)))
			return -ENOMEM;
	return 0;
}

static int add_member(void *ctx, const struct archive_entry *e)
{
	struct rd_tree *t = ctx;
	struct rd_node *n;
	uint32_t type = e->mode & ARCHIVE_S_IFMT;

	if (type != ARCHIVE_S_IFDIR && type != ARCHIVE_S_IFREG &&
	    type != ARCHIVE_S_IFLNK)
		return 0; /* devices, fifos, sockets: not in the tree */
	if (add_ancestors(t, e->name) < 0)
		return -ENOMEM;
	n = new_node(t, e->name, strlen(e->name));
	if (!n)
		return -ENOMEM;
	n->implied = 0;
	n->mode = e->mode;
	n->uid = e->uid;
	n->gid = e->gid;
	n->mtime = e->mtime;
	n->data = e->data;
	n->size = type == ARCHIVE_S_IFDIR ? 0 : e->size;
	if (e->link) {
		n->link = strdup(e->link);
		if (!n->link)
			return -ENOMEM;
	}
	return 0;
}

static int by_name_then_seq(const void *a, const void *b)
{
	const struct rd_node *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

static void drop(struct rd_node *n)
{
	free(n->name);
	free(n->link);
}

/* Which of two nodes of one name stays (in *keep), or an error. */
static int merge(struct rd_tree *t, struct rd_node *keep, struct rd_node *next)
{
	uint32_t a = keep->mode & ARCHIVE_S_IFMT,
		 b = next->mode & ARCHIVE_S_IFMT;

	if (next->implied || keep->implied) {
		struct rd_node *real = next->implied ? keep : next;

		if (!real->implied && !IS_DIR(real->mode))
			return refuse(t, "a member is under a name that is "
					 "not a directory");
		if (next->implied) {
			drop(next);
			return 0;
		}
	} else if (a != b) {
		return refuse(t, "a duplicate member with another type");
	}
	drop(keep);
	*keep = *next;
	return 0;
}

static int sort_and_merge(struct rd_tree *t)
{
	size_t out = 0;

	qsort(t->nodes, t->count, sizeof(*t->nodes), by_name_then_seq);
	for (size_t i = 0; i < t->count; i++) {
		if (out && !strcmp(t->nodes[out - 1].name, t->nodes[i].name)) {
			int rc = merge(t, &t->nodes[out - 1], &t->nodes[i]);

			if (rc < 0) {
				/* Free what is not kept yet: every node after i. */
				for (size_t j = i; j < t->count; j++)
					drop(&t->nodes[j]);
				t->count = out;
				return rc;
			}
			continue;
		}
		t->nodes[out++] = t->nodes[i];
	}
	t->count = out;
	return 0;
}

/* strcmp of name[len] (not terminated) against node. */
static int compare_n(const char *name, size_t len, const char *node)
{
	int c = strncmp(name, node, len);

	return c ? c : node[len] ? -1 : 0;
}

static int index_of(const struct rd_tree *t, const char *name, size_t len)
{
	size_t lo = 0, hi = t->count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = compare_n(name, len, t->nodes[mid].name);

		if (!c)
			return (int)mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

/* Children in name order: link from the last node back. */
static void link_children(struct rd_tree *t)
{
	for (size_t i = t->count; i-- > 1;) {
		struct rd_node *n = &t->nodes[i];
		char *slash = strrchr(n->name, '/');
		int parent = slash ? index_of(t, n->name,
					      (size_t)(slash - n->name)) :
				     0;

		n->base = slash ? slash + 1 : n->name;
		n->next_sibling = t->nodes[parent].first_child;
		t->nodes[parent].first_child = (int)i;
	}
	t->nodes[0].base = t->nodes[0].name;
}

int rd_tree_build(const void *buf, size_t len, struct rd_tree *tree,
		  struct archive_error *err)
{
	int rc;

	*tree = (struct rd_tree){ .err = err };
	tree->format = archive_format(buf, len);
	err->why = "out of memory";
	rc = new_node(tree, "", 0) ? 0 : -ENOMEM;
	if (!rc)
		rc = archive_parse(buf, len, add_member, tree, err);
	if (!rc)
		rc = sort_and_merge(tree);
	if (!rc && !IS_DIR(tree->nodes[0].mode))
		rc = refuse(tree, "the archive's root is not a directory");
	if (rc < 0) {
		rd_tree_free(tree);
		return rc;
	}
	link_children(tree);
	return 0;
}

void rd_tree_free(struct rd_tree *tree)
{
	for (size_t i = 0; i < tree->count; i++)
		drop(&tree->nodes[i]);
	free(tree->nodes);
	tree->nodes = NULL;
	tree->count = tree->cap = 0;
}

const struct rd_node *rd_tree_lookup(const struct rd_tree *tree,
				     const char *name)
{
	int i = index_of(tree, name, strlen(name));

	return i < 0 ? NULL : &tree->nodes[i];
}
