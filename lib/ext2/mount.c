/*
 * Mounting an ext2/3/4 disk: open it with libext2fs over the block API,
 * hand the mount table our vfs_ops, and at unmount write everything back
 * so the filesystem is clean on disk. As Linux does, a read-write mount
 * clears the superblock's "cleanly unmounted" state at once and sets it
 * again only at unmount, so a domain that dies meanwhile leaves a disk
 * e2fsck will check. libext2fs has no journal replay: a journal that
 * needs recovery is refused (e2fsck replays it).
 *
 * The mount table (lib/libc/vfs_boot.c, PETREL_MOUNT) calls ext2_mount
 * (declared in lib/libc/vfs_fs.h) and vfs_mounts what it returns.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "kernel/drivers/blkfront.h"
#include "kernel/printk.h"
#include "lib/ext2/ext2_priv.h"
#include "lib/libc/vfs_fs.h"

/* Write back every open file's buffered block. */
static int flush_nodes(struct ext2_mount *m)
{
	struct ext2_node *n;
	int err = 0, e;

	for (n = m->nodes; n; n = n->next) {
		e = n->unlinked ? 0 : ext2_node_flush(m, n);
		if (!err)
			err = e;
	}
	return err;
}

/*
 * Write libext2fs's dirty metadata (bitmaps, group descriptors, the
 * superblock) and flush the disk. Only the primary superblock and
 * descriptors: the backups are brought up to date at unmount, as Linux
 * leaves them to e2fsck and resize.
 */
int ext2_flush_fs(struct ext2_mount *m)
{
	int err;

	m->fs->flags |= EXT2_FLAG_MASTER_SB_ONLY;
	err = ext2_errno(ext2fs_flush2(m->fs, 0));
	m->fs->flags &= ~EXT2_FLAG_MASTER_SB_ONLY;
	return err;
}

static int ext2_op_sync(void *fs)
{
	struct ext2_mount *m = fs;
	int err = 0, e;

	if (m->read_only)
		return 0;
	mutex_lock(&m->lock);
	err = flush_nodes(m);
	e = ext2_flush_fs(m);
	mutex_unlock(&m->lock);
	return err ? err : e;
}

/*
 * Write everything back, flush the disk and let go of the filesystem;
 * mark it clean again when it was clean at mount and nothing failed.
 */
static int close_fs(struct ext2_mount *m, bool ok)
{
	if (!m->read_only && m->was_clean && ok) {
		m->fs->super->s_state |= EXT2_VALID_FS;
		ext2fs_mark_super_dirty(m->fs);
	}
	return ext2_errno(ext2fs_close2(m->fs, 0));
}

/*
 * Unmount runs at exit (vfs_unmount_all): fds still open are closed
 * here, unlinked-but-open files freed, and the mount must not be used
 * again.
 */
static int ext2_op_unmount(void *fs)
{
	struct ext2_mount *m = fs;
	int err = 0, e;

	mutex_lock(&m->lock);
	while (m->nodes) {
		m->nodes->refs = 1;
		e = ext2_node_put(m, m->nodes);
		if (!err)
			err = e;
	}
	e = close_fs(m, !err);
	if (!err)
		err = e;
	if (err)
		printk("ext2: %s: unmount failed (error %d): run e2fsck\n",
		       m->name, -err);
	mutex_unlock(&m->lock);
	free(m);
	return err;
}

const struct vfs_ops ext2_vfs_ops = {
	.open = ext2_op_open,
	.stat = ext2_op_stat,
	.mkdir = ext2_op_mkdir,
	.rmdir = ext2_op_rmdir,
	.unlink = ext2_op_unlink,
	.rename = ext2_op_rename,
	.opendir = ext2_op_opendir,
	.readdir = ext2_op_readdir,
	.closedir = ext2_op_closedir,
	.lstat = ext2_op_lstat,
	.readlink = ext2_op_readlink,
	.symlink = ext2_op_symlink,
	.chmod = ext2_op_chmod,
	.statvfs = ext2_op_statvfs,
	.sync = ext2_op_sync,
	.unmount = ext2_op_unmount,
};

/* Mark a read-write mount in use on disk (see the top of the file). */
static int start_rw(struct ext2_mount *m)
{
	struct ext2_super_block *sb = m->fs->super;
	int err = ext2_errno(ext2fs_read_bitmaps(m->fs));

	if (err)
		return err;
	m->was_clean = (sb->s_state & EXT2_VALID_FS) &&
		       !(sb->s_state & EXT2_ERROR_FS);
	if (!m->was_clean)
		printk("ext2: %s: not cleanly unmounted or has errors: "
		       "mounting anyway, run e2fsck\n",
		       m->name);
	sb->s_state &= ~EXT2_VALID_FS;
	sb->s_mnt_count++;
	sb->s_mtime = time(NULL);
	ext2fs_mark_super_dirty(m->fs);
	return ext2_flush_fs(m);
}

static int open_fs(struct ext2_mount *m, bool read_only)
{
	int flags = EXT2_FLAG_64BITS | (read_only ? 0 : EXT2_FLAG_RW);
	int err;
	errcode_t code = ext2fs_open2(m->name, NULL, flags, 0, 0,
				      ext2_blk_io_manager, &m->fs);

	if (code) {
		m->fs = NULL;
		printk("ext2: %s: libext2fs cannot open it (error %ld)\n",
		       m->name, (long)code);
		return ext2_errno(code);
	}
	if (ext2fs_has_feature_casefold(m->fs->super)) {
		printk("ext2: %s: casefold (case-insensitive names) is not "
		       "supported\n",
		       m->name);
		return -EOPNOTSUPP;
	}
	if (ext2fs_has_feature_journal_needs_recovery(m->fs->super)) {
		printk("ext2: %s: the journal needs recovery: run e2fsck\n",
		       m->name);
		return -EIO;
	}
	if (read_only)
		return 0;
	err = start_rw(m);
	if (err)
		printk("ext2: %s: cannot mount it read-write (error %d)\n",
		       m->name, -err);
	return err;
}

int ext2_mount(const char *dev_name, int flags, const struct vfs_ops **ops,
	       void **fs)
{
	static unsigned int next_dev_id = 1;
	struct blkdev *dev = blkdev_find ? blkdev_find(dev_name) : NULL;
	const struct blkdev_info *info;
	struct ext2_mount *m;
	int err;

	if (!dev)
		return -ENODEV;
	if (!disk_is_ext2(dev))
		return -EINVAL;
	info = blkdev_info(dev);
	m = calloc(1, sizeof(*m));
	if (!m)
		return -ENOMEM;
	mutex_init(&m->lock);
	strncpy(m->name, info->name, sizeof(m->name) - 1);
	m->read_only = (flags & VFS_RDONLY) || info->read_only;
	m->dev_id = next_dev_id++;
	err = open_fs(m, m->read_only);
	if (err) {
		if (m->fs)
			close_fs(m, true);
		free(m);
		return err;
	}
	*ops = &ext2_vfs_ops;
	*fs = m;
	return 0;
}
