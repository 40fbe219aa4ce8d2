/*
 * Files as a Linux program reads them: a tree walked with opendir and
 * readdir, stat and fstat, open/read/lseek/pread, chdir and relative
 * names, and the errno of each mistake (a missing name, a file used as
 * a directory, a directory opened for writing). Run natively against
 * a directory it prints the same "files:" lines as in a guest whose
 * ramdisk is an archive of that directory (the differential test in
 * test/integration/suite.py). "files-ro:" lines check that a read-only
 * tree refuses every change with EROFS; they run only with "ro".
 *
 * usage: files [ROOT [ro]]   (ROOT: "/" by default)
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char root[PATH_MAX / 2];

static const char *errname(int err)
{
	switch (err) {
	case 0:
		return "ok";
	case ENOENT:
		return "ENOENT";
	case ENOTDIR:
		return "ENOTDIR";
	case EISDIR:
		return "EISDIR";
	case EROFS:
		return "EROFS";
	case EEXIST:
		return "EEXIST";
	case EBADF:
		return "EBADF";
	case EINVAL:
		return "EINVAL";
	case ENOTEMPTY:
		return "ENOTEMPTY";
	case EBUSY:
		return "EBUSY";
	case EACCES:
		return "EACCES";
	case ENAMETOOLONG:
		return "ENAMETOOLONG";
	default:
		return "other";
	}
}

/* root + "/" + rel, as one name. */
static const char *at(const char *rel)
{
	static char buf[2][PATH_MAX];
	static int which;
	char *out = buf[which ^= 1];

	snprintf(out, PATH_MAX, "%s%s%s", root,
		 strcmp(root, "/") && *rel ? "/" : "", rel);
	return out;
}

static uint32_t fnv1a(const unsigned char *p, size_t n, uint32_t h)
{
	while (n--)
		h = (h ^ *p++) * 16777619u;
	return h;
}

/* A whole file's size and checksum, read in odd-sized pieces. */
static void print_file(const char *rel, const struct stat *st)
{
	unsigned char buf[1000];
	uint32_t h = 2166136261u;
	long total = 0;
	ssize_t n;
	int fd = open(at(rel), O_RDONLY);

	if (fd < 0) {
		printf("files: %s: open: %s\n", rel, errname(errno));
		return;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		h = fnv1a(buf, (size_t)n, h);
		total += n;
	}
	printf("files: file %s size %ld read %ld fnv %08x mode %03o\n", rel,
	       (long)st->st_size, total, (unsigned)h,
	       (unsigned)st->st_mode & 0777);
	close(fd);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The directory's names, sorted (readdir's order is the filesystem's). */
static int list(const char *rel, char **names, int max, int *dots)
{
	DIR *d = opendir(at(rel));
	struct dirent *e;
	int n = 0;

	*dots = 0;
	if (!d)
		return -1;
	while ((e = readdir(d))) {
		struct stat st;
		char child[PATH_MAX];

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) {
			(*dots)++;
			continue;
		}
		snprintf(child, sizeof(child), "%s%s%s", rel, *rel ? "/" : "",
			 e->d_name);
		if (lstat(at(child), &st) || st.st_ino != e->d_ino ||
		    (e->d_type == DT_DIR) != !!S_ISDIR(st.st_mode))
			printf("files: %s: readdir and lstat disagree\n",
			       child);
		if (n < max)
			names[n++] = strdup(child);
	}
	closedir(d);
	qsort(names, (size_t)n, sizeof(*names), by_name);
	return n;
}

static void walk(const char *rel)
{
	char *names[64];
	int dots, n = list(rel, names, 64, &dots);

	printf("files: dir %s: %d names, %d dots\n", *rel ? rel : ".", n, dots);
	for (int i = 0; i < n; i++) {
		struct stat st;

		if (lstat(at(names[i]), &st))
			printf("files: %s: lstat: %s\n", names[i],
			       errname(errno));
		else if (S_ISDIR(st.st_mode))
			walk(names[i]);
		else if (S_ISREG(st.st_mode))
			print_file(names[i], &st);
		free(names[i]);
	}
}

/* scandir with alphasort: www's names in order, "." and ".." kept. */
static void scan(void)
{
	struct dirent **list;
	int n = scandir(at("www"), &list, NULL, alphasort);

	printf("files: scandir www: %d:", n);
	for (int i = 0; i < n; i++) {
		printf(" %s", list[i]->d_name);
		free(list[i]);
	}
	printf("\n");
	if (n >= 0)
		free(list);
}

static void report(const char *what, int rc)
{
	printf("files: %s: %s\n", what, rc < 0 ? errname(errno) : "ok");
}

static void positioned_reads(void)
{
	char buf[64] = "";
	struct stat st;
	int fd = open(at("hello.txt"), O_RDONLY);
	ssize_t n;

	report("open hello.txt", fd);
	n = pread(fd, buf, 5, 7);
	printf("files: pread 5 at 7: %ld '%.5s'\n", (long)n, buf);
	printf("files: lseek end: %ld\n", (long)lseek(fd, 0, SEEK_END));
	printf("files: lseek cur-4: %ld\n", (long)lseek(fd, -4, SEEK_CUR));
	n = read(fd, buf, sizeof(buf));
	printf("files: read at the end-4: %ld '%.*s'\n", (long)n, (int)n - 1,
	       buf);
	printf("files: read at the end: %ld\n",
	       (long)read(fd, buf, sizeof(buf)));
	printf("files: lseek past the end: %ld\n",
	       (long)lseek(fd, 1000, SEEK_SET));
	printf("files: pread past the end: %ld\n",
	       (long)pread(fd, buf, 4, 5000));
	report("lseek before 0", (int)lseek(fd, -1, SEEK_SET));
	report("pread at -1", (int)pread(fd, buf, 1, -1));
	report("write on O_RDONLY", (int)write(fd, "x", 1));
	fstat(fd, &st);
	printf("files: fstat: size %ld regular %d\n", (long)st.st_size,
	       S_ISREG(st.st_mode));
	close(fd);
}

static void mistakes(void)
{
	int fd;

	report("open missing", open(at("missing"), O_RDONLY));
	report("open hello.txt/x", open(at("hello.txt/x"), O_RDONLY));
	report("open hello.txt/", open(at("hello.txt/"), O_RDONLY));
	report("open missing/x", open(at("missing/x"), O_RDONLY));
	report("open dir O_WRONLY", open(at("dir"), O_WRONLY));
	report("open hello.txt O_DIRECTORY",
	       open(at("hello.txt"), O_RDONLY | O_DIRECTORY));
	report("opendir hello.txt", opendir(at("hello.txt")) ? 0 : -1);
	report("stat dir/../hello.txt",
	       stat(at("dir/../hello.txt"), &(struct stat){ 0 }));
	report("stat dir/./sub/../../hello.txt",
	       stat(at("dir/./sub/../../hello.txt"), &(struct stat){ 0 }));
	report("stat hello.txt/..",
	       stat(at("hello.txt/.."), &(struct stat){ 0 }));
	report("access hello.txt R_OK", access(at("hello.txt"), R_OK));
	report("access hello.txt X_OK", access(at("hello.txt"), X_OK));
	report("access dir X_OK", access(at("dir"), X_OK));
	report("access missing F_OK", access(at("missing"), F_OK));
	fd = open(at("dir"), O_RDONLY);
	report("open dir O_RDONLY", fd);
	report("read a directory fd", (int)read(fd, (char[4]){ 0 }, 4));
	close(fd);
	report("chdir hello.txt", chdir(at("hello.txt")));
}

static void relative_names(void)
{
	char cwd[PATH_MAX];
	struct stat st;

	report("chdir dir/sub", chdir(at("dir/sub")));
	report("stat ../../hello.txt", stat("../../hello.txt", &st));
	printf("files: size of ../../hello.txt %ld\n", (long)st.st_size);
	report("chdir ..", chdir(".."));
	if (getcwd(cwd, sizeof(cwd)))
		printf("files: cwd ends in /dir: %d\n",
		       strlen(cwd) >= 4 &&
			       !strcmp(cwd + strlen(cwd) - 4, "/dir"));
	report("fopen sub/data.bin", fopen("sub/data.bin", "r") ? 0 : -1);
	chdir(root);
}

/* The *at calls, from a directory fd; fchdir to it. */
static void at_calls(void)
{
	struct stat st;
	int dfd = open(at("dir"), O_RDONLY | O_DIRECTORY);
	int fd = openat(dfd, "sub/data.bin", O_RDONLY);
	int file = open(at("hello.txt"), O_RDONLY);
	char cwd[PATH_MAX];

	report("openat dir sub/data.bin", fd);
	close(fd);
	report("fstatat dir run.sh", fstatat(dfd, "run.sh", &st, 0));
	printf("files: fstatat size %ld\n", (long)st.st_size);
	report("openat a file's fd", openat(file, "x", O_RDONLY));
	report("openat a bad fd", openat(999, "x", O_RDONLY));
	report("openat dir missing", openat(dfd, "missing", O_RDONLY));
	report("faccessat dir empty", faccessat(dfd, "empty", R_OK, 0));
	report("fchdir dir", fchdir(dfd));
	report("fchdir a file", fchdir(file));
	if (getcwd(cwd, sizeof(cwd)))
		printf("files: after fchdir, cwd ends in /dir: %d\n",
		       strlen(cwd) >= 4 &&
			       !strcmp(cwd + strlen(cwd) - 4, "/dir"));
	chdir(root);
	close(file);
	close(dfd);
}

static void stdio_lines(void)
{
	char line[128];
	FILE *f = fopen(at("hello.txt"), "r");
	int n = 0;

	if (!f) {
		report("fopen hello.txt", -1);
		return;
	}
	while (fgets(line, sizeof(line), f))
		printf("files: hello.txt line %d: %s", ++n, line);
	fclose(f);
}

/* Every change on a read-only tree is EROFS (only in the guest). */
static void read_only(void)
{
	printf("files-ro: open O_WRONLY: %s\n",
	       errname(open(at("hello.txt"), O_WRONLY) < 0 ? errno : 0));
	printf("files-ro: open O_RDWR: %s\n",
	       errname(open(at("hello.txt"), O_RDWR) < 0 ? errno : 0));
	printf("files-ro: open O_CREAT new: %s\n",
	       errname(open(at("new.txt"), O_WRONLY | O_CREAT, 0644) < 0 ?
			       errno :
			       0));
	printf("files-ro: open O_CREAT|O_EXCL existing: %s\n",
	       errname(open(at("hello.txt"), O_WRONLY | O_CREAT | O_EXCL,
			    0644) < 0 ?
			       errno :
			       0));
	printf("files-ro: mkdir: %s\n",
	       errname(mkdir(at("newdir"), 0755) ? errno : 0));
	printf("files-ro: mkdir existing: %s\n",
	       errname(mkdir(at("dir"), 0755) ? errno : 0));
	printf("files-ro: unlink: %s\n",
	       errname(unlink(at("hello.txt")) ? errno : 0));
	printf("files-ro: rmdir: %s\n",
	       errname(rmdir(at("dir/sub")) ? errno : 0));
	printf("files-ro: rename: %s\n",
	       errname(rename(at("hello.txt"), at("moved.txt")) ? errno : 0));
	printf("files-ro: truncate: %s\n",
	       errname(truncate(at("hello.txt"), 0) ? errno : 0));
	printf("files-ro: access W_OK: %s\n",
	       errname(access(at("hello.txt"), W_OK) ? errno : 0));
	printf("files-ro: unlinkat: %s\n",
	       errname(unlinkat(AT_FDCWD, at("hello.txt"), 0) ? errno : 0));
	printf("files-ro: fopen \"w\": %s\n",
	       errname(fopen(at("hello.txt"), "w") ? 0 : errno));
}

int main(int argc, char **argv)
{
	snprintf(root, sizeof(root), "%s", argc > 1 ? argv[1] : "/");
	walk("");
	scan();
	positioned_reads();
	mistakes();
	relative_names();
	at_calls();
	stdio_lines();
	if (argc > 2 && !strcmp(argv[2], "ro"))
		read_only();
	printf("files: done\n");
	return 0;
}
