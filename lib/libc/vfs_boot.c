/*
 * Mounting what the domain was given, on the first use of the file API
 * (so images that never touch a file carry none of this): the PV ramdisk
 * read-only at "/", the raw disks at /dev when the image has the block
 * driver, then PETREL_MOUNT's disks in order. A mount the domain asks
 * for and cannot have stops the program with a message naming it and
 * exit status 1: running without it would be a silent surprise.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "arch/setup.h"
#include "kernel/drivers/blkfront.h"
#include "kernel/printk.h"
#include "lib/libc/mount_config.h"
#include "lib/libc/ramdisk_fs.h"
#include "lib/libc/ramdisk_tree.h"
#include "lib/libc/vfs_fs.h"
#include "lib/libc/vfs_lookup.h"

#define EXIT_MOUNT_FAILED 1

static void stop(void)
{
	exit(EXIT_MOUNT_FAILED);
}

static void mount_ramdisk(void)
{
	static struct rd_tree tree;
	struct archive_error err = { 0 };
	const void *start;
	unsigned long len;
	int rc;

	if (!arch_boot_module(&start, &len))
		return;
	rc = rd_tree_build(start, len, &tree, &err);
	if (rc < 0) {
		printk("petrel: the ramdisk (%lu bytes) cannot be mounted: %s "
		       "(at byte %llu)\n",
		       len, err.why, (unsigned long long)err.offset);
		stop();
	}
	rc = vfs_mount("/", &ramdisk_vfs_ops, &tree, VFS_RDONLY);
	if (rc < 0) {
		printk("petrel: the ramdisk cannot be mounted at /: %s\n",
		       strerror(-rc));
		stop();
	}
	printk("petrel: ramdisk: a %s archive of %lu bytes, %lu names, "
	       "mounted read-only at /\n",
	       tree.format, len, (unsigned long)tree.count - 1);
}

/*
 * The image has no disk filesystem linked: say what the disk holds and
 * how to build an image that can mount it.
 */
static void no_fs_support(const struct mount_spec *m)
{
	struct blkdev *dev = blkdev_find(m->dev);

	if (!dev)
		printk("petrel: cannot mount %s at %s: %s\n", m->dev, m->path,
		       strerror(ENODEV));
	else if (disk_is_ext2(dev))
		printk("petrel: cannot mount %s at %s: %s holds an ext2/3/4 "
		       "filesystem, but this image was built without ext2 "
		       "support (build it with petrel-cc --with-ext2, or "
		       "link -lpetrel-ext2)\n",
		       m->dev, m->path, m->dev);
	else
		printk("petrel: cannot mount %s at %s: %s holds no filesystem "
		       "this image can mount (ext2/3/4 disks need petrel-cc "
		       "--with-ext2)\n",
		       m->dev, m->path, m->dev);
	stop();
}

static void mount_disk(const struct mount_spec *m)
{
	const struct vfs_ops *ops;
	void *fs;
	int flags = m->read_only ? VFS_RDONLY : 0;
	int rc;

	if (!ext2_mount)
		no_fs_support(m);
	rc = ext2_mount(m->dev, flags, &ops, &fs);
	if (rc < 0) {
		printk("petrel: cannot mount %s at %s: %s\n", m->dev, m->path,
		       strerror(-rc));
		stop();
	}
	rc = vfs_mount(m->path, ops, fs, flags);
	if (rc < 0) {
		if (ops->unmount)
			ops->unmount(fs);
		printk("petrel: cannot mount %s at %s: the mount point: %s\n",
		       m->dev, m->path, strerror(-rc));
		stop();
	}
}

static void mount_config(void)
{
	static struct mount_spec specs[MOUNT_CONFIG_MAX];
	struct mount_config_error err;
	const char *text = getenv("PETREL_MOUNT");
	int n;

	if (!text)
		return;
	n = mount_config_parse(text, specs, &err);
	if (n < 0) {
		printk("petrel: PETREL_MOUNT=%s: entry %d: %s\n", text,
		       err.entry, err.why);
		stop();
	}
	for (int i = 0; i < n; i++)
		mount_disk(&specs[i]);
}

void vfs_boot(void)
{
	static enum { UNMOUNTED, MOUNTING, MOUNTED } state;

	if (state != UNMOUNTED)
		return;
	state = MOUNTING;
	mount_ramdisk();
	if (&blkdev_vfs_ops &&
	    vfs_mount_implied("/dev", &blkdev_vfs_ops, NULL, 0) < 0) {
		printk("petrel: cannot mount the disks at /dev\n");
		stop();
	}
	mount_config();
	state = MOUNTED;
}
