/*
 * The inodes open fds hold (struct ext2_node), and reading and writing
 * inodes so that an open file's copy stays the one copy: a file's
 * ext2_file_t keeps the inode in memory and writes it back when it
 * grows, so a link count or time changed behind its back would be lost.
 * Also the end of an inode's life: dropping links and freeing it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "lib/ext2/ext2_priv.h"

struct ext2_node *ext2_node_find(struct ext2_mount *m, ext2_ino_t ino)
{
	struct ext2_node *n;

	for (n = m->nodes; n; n = n->next)
		if (n->ino == ino)
			return n;
	return NULL;
}

int ext2_node_get(struct ext2_mount *m, ext2_ino_t ino, bool is_dir,
		  struct ext2_node **node)
{
	struct ext2_node *n = ext2_node_find(m, ino);
	errcode_t err;

	if (n) {
		n->refs++;
		*node = n;
		return 0;
	}
	n = calloc(1, sizeof(*n));
	if (!n)
		return -ENOMEM;
	if (!is_dir) {
		err = ext2fs_file_open2(m->fs, ino, NULL,
					m->read_only ? 0 : EXT2_FILE_WRITE,
					&n->file);
		if (err) {
			free(n);
			return ext2_errno(err);
		}
	}
	n->ino = ino;
	n->refs = 1;
	n->next = m->nodes;
	m->nodes = n;
	*node = n;
	return 0;
}

/* Write back a file's buffered data, and its times when it was written. */
int ext2_node_flush(struct ext2_mount *m, struct ext2_node *node)
{
	int err;

	if (!node->file)
		return 0;
	err = ext2_errno(ext2fs_file_flush(node->file));
	if (!err && node->written) {
		struct ext2_inode *inode = ext2fs_file_get_inode(node->file);

		ext2_stamp(m, inode, true);
		err = ext2_errno(ext2fs_write_inode(m->fs, node->ino, inode));
		if (!err)
			node->written = false;
	}
	return err;
}

static void node_unlist(struct ext2_mount *m, struct ext2_node *node)
{
	struct ext2_node **p;

	for (p = &m->nodes; *p; p = &(*p)->next) {
		if (*p == node) {
			*p = node->next;
			return;
		}
	}
}

int ext2_node_put(struct ext2_mount *m, struct ext2_node *node)
{
	int err = 0, close_err;

	if (--node->refs)
		return 0;
	if (node->file) {
		if (!node->unlinked)
			err = ext2_node_flush(m, node);
		close_err = ext2_errno(ext2fs_file_close(node->file));
		if (!err)
			err = close_err;
	}
	node_unlist(m, node);
	if (node->unlinked) {
		close_err = ext2_free_inode(m, node->ino);
		if (!err)
			err = close_err;
	}
	free(node);
	return err;
}

int ext2_read_inode(struct ext2_mount *m, ext2_ino_t ino,
		    struct ext2_inode *inode)
{
	struct ext2_node *n = ext2_node_find(m, ino);

	if (n && n->file) {
		*inode = *ext2fs_file_get_inode(n->file);
		return 0;
	}
	return ext2_errno(ext2fs_read_inode(m->fs, ino, inode));
}

int ext2_write_inode(struct ext2_mount *m, ext2_ino_t ino,
		     struct ext2_inode *inode)
{
	struct ext2_node *n = ext2_node_find(m, ino);

	if (n && n->file) {
		*ext2fs_file_get_inode(n->file) = *inode;
		inode = ext2fs_file_get_inode(n->file);
	}
	return ext2_errno(ext2fs_write_inode(m->fs, ino, inode));
}

void ext2_stamp(struct ext2_mount *m, struct ext2_inode *inode, bool mtime)
{
	__u32 now = m->fs->now ? m->fs->now : time(NULL);

	inode->i_ctime = now;
	if (mtime)
		inode->i_mtime = now;
}

int ext2_free_inode(struct ext2_mount *m, ext2_ino_t ino)
{
	struct ext2_inode_large inode;
	struct ext2_inode *small = (struct ext2_inode *)&inode;
	errcode_t err;

	memset(&inode, 0, sizeof(inode));
	err = ext2fs_read_inode_full(m->fs, ino, small, sizeof(inode));
	if (err)
		return ext2_errno(err);
	inode.i_links_count = 0;
	inode.i_dtime = m->fs->now ? m->fs->now : time(NULL);
	err = ext2fs_free_ext_attr(m->fs, ino, &inode);
	if (!err && ext2fs_inode_has_valid_blocks2(m->fs, small))
		err = ext2fs_punch(m->fs, ino, small, NULL, 0, ~0ULL);
	if (!err)
		ext2fs_inode_alloc_stats2(m->fs, ino, -1,
					  LINUX_S_ISDIR(inode.i_mode));
	if (!err)
		err = ext2fs_write_inode_full(m->fs, ino, small, sizeof(inode));
	return ext2_errno(err);
}

/* ino has lost its last name: free it now, or at its last close. */
int ext2_release_inode(struct ext2_mount *m, ext2_ino_t ino)
{
	struct ext2_node *n = ext2_node_find(m, ino);
	struct ext2_inode inode;
	int err;

	if (!n)
		return ext2_free_inode(m, ino);
	n->unlinked = true;
	err = ext2_read_inode(m, ino, &inode);
	if (err)
		return err;
	inode.i_links_count = 0;
	ext2_stamp(m, &inode, false);
	return ext2_write_inode(m, ino, &inode);
}

int ext2_drop_link(struct ext2_mount *m, ext2_ino_t ino)
{
	struct ext2_inode inode;
	int err = ext2_read_inode(m, ino, &inode);

	if (err)
		return err;
	if (inode.i_links_count <= 1)
		return ext2_release_inode(m, ino);
	inode.i_links_count--;
	ext2_stamp(m, &inode, false);
	return ext2_write_inode(m, ino, &inode);
}
