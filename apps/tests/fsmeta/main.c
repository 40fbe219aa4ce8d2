/*
 * fsmeta: links, modes and filesystem statistics, as a program sees
 * them: umask, lstat, symlink, readlink, chmod, fchmod, statvfs and
 * fstatvfs. Portable POSIX: the integration tests run it natively on
 * Linux and in a guest, and compare the "meta:" lines.
 *   fsmeta DIR rw   makes, changes and removes names in DIR (empty)
 *   fsmeta DIR ro   reads the links of the files tests' tree at DIR;
 *                   "meta-ro:" lines say what a read-only mount refuses
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

static const char *errname(int e)
{
	switch (e) {
	case ENOENT:
		return "ENOENT";
	case EEXIST:
		return "EEXIST";
	case EINVAL:
		return "EINVAL";
	case EROFS:
		return "EROFS";
	case EPERM:
		return "EPERM";
	case ENOTDIR:
		return "ENOTDIR";
	case ENAMETOOLONG:
		return "ENAMETOOLONG";
	default:
		return strerror(e);
	}
}

static const char *kind(mode_t mode)
{
	return S_ISLNK(mode) ? "link" :
	       S_ISDIR(mode) ? "dir" :
	       S_ISREG(mode) ? "file" :
			       "other";
}

/* "stat NAME: file 644 size 6" or "lstat NAME: ENOENT". */
static void show(const char *call, const char *name)
{
	struct stat st;
	int rc = call[0] == 'l' ? lstat(name, &st) : stat(name, &st);

	if (rc < 0) {
		printf("meta: %s %s: %s\n", call, name, errname(errno));
		return;
	}
	printf("meta: %s %s: %s %03o", call, name, kind(st.st_mode),
	       (unsigned)(st.st_mode & 07777));
	if (!S_ISDIR(st.st_mode))
		printf(" size %lld", (long long)st.st_size);
	printf("\n");
}

static void show_link(const char *name, size_t size)
{
	char buf[512];
	ssize_t n =
		readlink(name, buf, size < sizeof(buf) ? size : sizeof(buf));

	if (n < 0)
		printf("meta: readlink %s (%zu): %s\n", name, size,
		       errname(errno));
	else
		printf("meta: readlink %s (%zu): %zd \"%.*s\"\n", name, size, n,
		       (int)n, buf);
}

/* lstat of what is no link is its stat: the same file, device and all. */
static void same_file(const char *name)
{
	struct stat a, b;

	if (stat(name, &a) < 0 || lstat(name, &b) < 0)
		printf("meta: same %s: %s\n", name, errname(errno));
	else
		printf("meta: same %s: %s\n", name,
		       a.st_dev == b.st_dev && a.st_ino == b.st_ino &&
				       a.st_mode == b.st_mode ?
			       "yes" :
			       "no");
}

static void report(const char *what, int rc)
{
	printf("meta: %s: %s\n", what, rc < 0 ? errname(errno) : "ok");
}

static void make_file(const char *name, mode_t mode)
{
	int fd = open(name, O_WRONLY | O_CREAT | O_EXCL, mode);

	if (fd < 0 || write(fd, "hello\n", 6) != 6 || close(fd) < 0)
		printf("meta: create %s: %s\n", name, errname(errno));
}

static void umask_checks(void)
{
	printf("meta: umask was %03o\n", (unsigned)umask(022));
	make_file("f644", 0666);
	mkdir("d755", 0777);
	show("stat", "f644");
	show("stat", "d755");
	printf("meta: umask(077) was %03o\n", (unsigned)umask(077));
	make_file("f600", 0666);
	mkdir("d700", 0777);
	show("stat", "f600");
	show("stat", "d700");
	umask(0);
	make_file("f666", 0666);
	show("stat", "f666");
	printf("meta: umask(022) was %03o\n", (unsigned)umask(022));
}

static void chmod_checks(void)
{
	int fd;

	report("chmod f644 0751", chmod("f644", 0751));
	show("stat", "f644");
	report("chmod d700 0711", chmod("d700", 0711));
	show("stat", "d700");
	report("chmod missing", chmod("missing", 0644));
	fd = open("f600", O_RDONLY);
	report("fchmod f600 0640", fchmod(fd, 0640));
	show("stat", "f600");
	close(fd);
	chmod("f644", 0644);
}

static void symlink_checks(void)
{
	char target[121];
	int fd;

	memset(target, 'x', sizeof(target) - 1);
	target[sizeof(target) - 1] = 0;
	report("symlink f644 ln", symlink("f644", "ln"));
	show("lstat", "ln");
	show("stat", "ln");
	show_link("ln", 100);
	show_link("ln", 2);
	/* Over 60 bytes: kept in a block on ext2, not in the inode. */
	report("symlink long", symlink(target, "long"));
	show("lstat", "long");
	show("stat", "long");
	show_link("long", 500);
	report("symlink d755 lnd", symlink("d755", "lnd"));
	show("lstat", "lnd");
	show("stat", "lnd");
	fd = open("lnd/inner", O_WRONLY | O_CREAT, 0666);
	report("create lnd/inner", fd);
	close(fd);
	show("stat", "d755/inner");
	report("symlink over a file", symlink("x", "f644"));
	report("symlink over a dangling link", symlink("x", "long"));
	report("symlink in a missing dir", symlink("x", "missing/ln"));
	show_link("f644", 100);
	show_link("missing", 100);
	show("lstat", "missing");
	report("chmod through ln 0604", chmod("ln", 0604));
	show("stat", "f644");
	show("lstat", "f644");
	same_file("f644");
	same_file(".");
	/* Links are removed and renamed themselves, not followed. */
	report("rmdir lnd", rmdir("lnd"));
	report("rename lnd lnd2", rename("lnd", "lnd2"));
	show("lstat", "lnd2");
	report("rename long over lnd2", rename("long", "lnd2"));
	show_link("lnd2", 500);
	report("rename lnd2 long", rename("lnd2", "long"));
	report("symlink d755 lnd", symlink("d755", "lnd"));
	show("stat", "d755");
	report("unlink ln", unlink("ln"));
	show("lstat", "ln");
	show("stat", "f644");
}

static void statvfs_checks(void)
{
	struct statvfs a, b;
	int fd = open("f644", O_RDONLY);

	if (statvfs(".", &a) < 0 || fstatvfs(fd, &b) < 0) {
		printf("meta: statvfs: %s\n", errname(errno));
		return;
	}
	close(fd);
	printf("meta: statvfs: bsize %s, free %s, namemax %lu, rdonly %d\n",
	       a.f_bsize >= 512 && a.f_frsize ? "ok" : "bad",
	       a.f_blocks && a.f_bfree <= a.f_blocks &&
			       a.f_bavail <= a.f_bfree ?
		       "ok" :
		       "bad",
	       a.f_namemax, (int)(a.f_flag & ST_RDONLY));
	printf("meta: fstatvfs: %s\n",
	       a.f_bsize == b.f_bsize && a.f_blocks == b.f_blocks ? "same" :
								    "differs");
}

static void clean_up(void)
{
	const char *files[] = { "f644", "f600", "f666",
				"long", "lnd",	"d755/inner" };
	const char *dirs[] = { "d755", "d700" };

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		if (unlink(files[i]) < 0)
			printf("meta: unlink %s: %s\n", files[i],
			       errname(errno));
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		if (rmdir(dirs[i]) < 0)
			printf("meta: rmdir %s: %s\n", dirs[i], errname(errno));
}

/* The links of test/integration/files_tree.py's tree. */
static void read_only_checks(void)
{
	struct statvfs sv;

	show("lstat", "www/latest");
	show("stat", "www/latest");
	show_link("www/latest", 100);
	show_link("www/home.html", 100);
	show_link("www/home.html", 5);
	show("lstat", "dangling");
	show("stat", "dangling");
	show_link("dangling", 100);
	show("lstat", "dir/up");
	show("lstat", "dir/up/index.html");
	show("lstat", "hello.txt");
	show_link("hello.txt", 100);
	show_link("missing", 100);
	same_file("hello.txt");
	same_file("www");
	printf("meta-ro: chmod: %s\n",
	       chmod("hello.txt", 0600) < 0 ? errname(errno) : "ok");
	printf("meta-ro: symlink: %s\n",
	       symlink("hello.txt", "new") < 0 ? errname(errno) : "ok");
	if (statvfs(".", &sv) == 0)
		printf("meta-ro: statvfs rdonly %d\n",
		       (int)(sv.f_flag & ST_RDONLY));
}

int main(int argc, char **argv)
{
	if (argc != 3 || chdir(argv[1]) < 0) {
		fprintf(stderr, "usage: fsmeta DIR rw|ro\n");
		return 2;
	}
	if (!strcmp(argv[2], "ro")) {
		read_only_checks();
	} else {
		umask_checks();
		chmod_checks();
		symlink_checks();
		statvfs_checks();
		clean_up();
	}
	printf("meta: done\n");
	return 0;
}
