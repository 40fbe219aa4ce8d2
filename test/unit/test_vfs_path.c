/*
 * Unit tests for the mount table and path resolution (lib/libc/vfs.c,
 * path.c) over a ramdisk tree (ramdisk_fs.c): canonical names through
 * ".", ".." and "//", Linux's errors (ENOENT, ENOTDIR, a file named
 * with a trailing slash), names that may be missing for creation, the
 * longest mount winning, directories only the mount table implies, and
 * unmounting at exit through the chained exit hook.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "lib/libc/exit.h"
#include "lib/libc/path.h"
#include "lib/libc/ramdisk_fs.h"
#include "lib/libc/ramdisk_tree.h"
#include "lib/libc/vfs_lookup.h"

/* What the tests stand in for: the libc around these files. */
void (*libc_before_exit)(void);
static char cwd[PATH_MAX] = "/";

const char *path_cwd(void)
{
	return cwd;
}

void vfs_boot(void)
{
}

/* A filesystem that has only its root and counts its unmounts. */
static int unmounted[4], unmount_order, earlier_hook_ran;

static int fake_stat(void *fs, const char *path, struct stat *st)
{
	(void)fs;
	if (*path)
		return -ENOENT;
	st->st_mode = S_IFDIR | 0700;
	return 0;
}

static int fake_unmount(void *fs)
{
	unmounted[(intptr_t)fs] = ++unmount_order;
	return 0;
}

static const struct vfs_ops fake_ops = { .stat = fake_stat,
					 .unmount = fake_unmount };

static void earlier_hook(void)
{
	earlier_hook_ran = 1;
}

static unsigned char archive[4096];
static size_t archive_len;
static struct rd_tree tree;

static void cpio_add(const char *name, unsigned mode, const char *data)
{
	size_t size = data ? strlen(data) : 0, namesize = strlen(name) + 1;

	archive_len += (size_t)sprintf(
		(char *)archive + archive_len,
		"070701%08X%08X%08X%08X%08X%08X%08zX%08X%08X%08X%08X%08zX%08X",
		1u, mode, 0u, 0u, 1u, 0u, size, 0u, 0u, 0u, 0u, namesize, 0u);
	memcpy(archive + archive_len, name, namesize);
	archive_len = (archive_len + namesize + 3) & ~(size_t)3;
	memcpy(archive + archive_len, data ? data : "", size);
	archive_len = (archive_len + size + 3) & ~(size_t)3;
}

static int setup(void **state)
{
	struct archive_error err;

	(void)state;
	archive_len = 0;
	cpio_add("www", S_IFDIR | 0755, NULL);
	cpio_add("www/index.html", S_IFREG | 0644, "<p>hi</p>\n");
	cpio_add("etc/motd", S_IFREG | 0644, "motd\n");
	cpio_add("mnt", S_IFDIR | 0755, NULL);
	cpio_add("TRAILER!!!", 0, NULL);
	assert_int_equal(rd_tree_build(archive, archive_len, &tree, &err), 0);
	strcpy(cwd, "/");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	vfs_unmount_all();
	rd_tree_free(&tree);
	return 0;
}

static void walk_ok(const char *path, const char *want)
{
	char out[PATH_MAX];
	int rc = path_walk(path, out, sizeof(out), 0, NULL);

	if (rc)
		print_error("%s: %d\n", path, rc);
	assert_int_equal(rc, 0);
	assert_string_equal(out, want);
}

static int walk_rc(const char *path, int flags)
{
	char out[PATH_MAX];

	return path_walk(path, out, sizeof(out), flags, NULL);
}

static void names_over_a_ramdisk(void **state)
{
	(void)state;
	assert_int_equal(vfs_mount("/", &ramdisk_vfs_ops, &tree, VFS_RDONLY),
			 0);
	walk_ok("/", "/");
	walk_ok("//www/./index.html", "/www/index.html");
	walk_ok("/www/../etc/motd", "/etc/motd");
	walk_ok("/../../etc", "/etc"); /* ".." stops at "/" */
	walk_ok("etc/", "/etc");
	strcpy(cwd, "/www");
	walk_ok("index.html", "/www/index.html");
	walk_ok("..", "/");
	assert_int_equal(walk_rc("/missing", 0), -ENOENT);
	assert_int_equal(walk_rc("/missing/x", PATH_LAST_MAY_BE_MISSING),
			 -ENOENT);
	assert_int_equal(walk_rc("/www/new", PATH_LAST_MAY_BE_MISSING),
			 PATH_MISSING);
	assert_int_equal(walk_rc("/etc/motd/x", 0), -ENOTDIR);
	assert_int_equal(walk_rc("/etc/motd/..", 0), -ENOTDIR);
	assert_int_equal(walk_rc("/etc/motd/", 0), -ENOTDIR);
	assert_int_equal(walk_rc("", 0), -ENOENT);
}

static void stat_through_the_ramdisk(void **state)
{
	struct stat st;

	(void)state;
	assert_int_equal(vfs_mount("/", &ramdisk_vfs_ops, &tree, VFS_RDONLY),
			 0);
	assert_int_equal(vfs_stat_abs("/www/index.html", &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_size, 10);
	assert_int_equal(st.st_dev, 1);
	assert_int_equal(vfs_stat_abs("/etc", &st), 0); /* implied by motd */
	assert_true(S_ISDIR(st.st_mode));
}

static void longest_mount_wins(void **state)
{
	struct stat st;
	const char *rel;

	(void)state;
	assert_int_equal(vfs_mount("/", &ramdisk_vfs_ops, &tree, VFS_RDONLY),
			 0);
	/* Over the ramdisk a mount point must be a directory of it. */
	assert_int_equal(vfs_mount("/data", &fake_ops, (void *)1, 0), -ENOENT);
	assert_int_equal(vfs_mount("/etc/motd", &fake_ops, (void *)1, 0),
			 -ENOTDIR);
	assert_int_equal(vfs_mount("/mnt", &fake_ops, (void *)1, 0), 0);
	assert_ptr_equal(vfs_find("/mnt/a/b", &rel)->fs, (void *)1);
	assert_string_equal(rel, "a/b");
	assert_ptr_equal(vfs_find("/mnt", &rel)->fs, (void *)1);
	assert_string_equal(rel, "");
	assert_ptr_equal(vfs_find("/mntx", &rel)->fs, &tree);
	assert_string_equal(rel, "mntx");
	assert_int_equal(vfs_stat_abs("/mnt", &st), 0);
	assert_int_equal(st.st_mode, S_IFDIR | 0700); /* the mount's root */
	assert_int_equal(vfs_stat_abs("/mnt/x", &st), -ENOENT);
	assert_true(vfs_is_mount_point("/mnt"));
	assert_false(vfs_is_mount_point("/www"));
}

static void implied_directories(void **state)
{
	struct stat st;

	(void)state;
	/* Nothing at "/": the root and a mount point's parents are implied. */
	assert_int_equal(vfs_stat_abs("/", &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(vfs_stat_abs("/srv", &st), -ENOENT);
	assert_int_equal(vfs_mount("/srv/disk", &fake_ops, (void *)2, 0), 0);
	assert_int_equal(vfs_stat_abs("/srv", &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_true(vfs_is_mount_parent("/srv"));
	assert_true(vfs_is_mount_parent("/"));
	assert_false(vfs_is_mount_parent("/srv/disk"));
	walk_ok("/srv/disk/.././disk", "/srv/disk");
	assert_null(vfs_find("/srv", NULL));
	/* Over the ramdisk only an implied mount may lack its directory. */
	assert_int_equal(vfs_mount("/", &ramdisk_vfs_ops, &tree, VFS_RDONLY),
			 0);
	assert_int_equal(vfs_mount_implied("/dev", &fake_ops, (void *)3, 0), 0);
	assert_int_equal(vfs_stat_abs("/dev", &st), 0);
}

static void unmount_at_exit_newest_first(void **state)
{
	(void)state;
	memset(unmounted, 0, sizeof(unmounted));
	unmount_order = 0;
	earlier_hook_ran = 0;
	libc_before_exit = earlier_hook;
	assert_int_equal(vfs_mount("/a", &fake_ops, (void *)1, 0), 0);
	/* A mount point must exist in the filesystem under it. */
	assert_int_equal(vfs_mount("/a/b", &fake_ops, (void *)2, 0), -ENOENT);
	assert_int_equal(vfs_mount("/b", &fake_ops, (void *)2, 0), 0);
	assert_non_null(libc_before_exit);
	libc_before_exit();
	assert_true(earlier_hook_ran); /* the hook it replaced still runs */
	assert_int_equal(unmounted[2], 1);
	assert_int_equal(unmounted[1], 2);
	assert_null(vfs_mount_at(0));
}

int main(void)
{
	/* First: the exit hook is chained at the process's first mount. */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(unmount_at_exit_newest_first,
						setup, teardown),
		cmocka_unit_test_setup_teardown(names_over_a_ramdisk, setup,
						teardown),
		cmocka_unit_test_setup_teardown(stat_through_the_ramdisk, setup,
						teardown),
		cmocka_unit_test_setup_teardown(longest_mount_wins, setup,
						teardown),
		cmocka_unit_test_setup_teardown(implied_directories, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
