/*
 * ext4 disk test: run against a filesystem made on the host with
 * `mke2fs -t ext4 -d DIR` and mounted at ROOT (argv[1], default /data).
 *   1. Lists the tree as found ("ext4: found ..." lines: every
 *      directory, and every file with its size and FNV-1a hash), so
 *      the host can check what the guest read.
 *   2. Runs ROOT/ops.txt, a script of changes (see run_op), each line
 *      answered "ext4: op N ok"; an op prefixed "fail ERRNO" must fail
 *      with that errno.
 *   3. Lists the tree again ("ext4: final ..."), read back through the
 *      filesystem, and exits 0; the host then checks the disk itself.
 * Written against POSIX only, so the same program also runs natively
 * (test/integration/ext4-native.sh).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PATH_LEN 1024 /* ROOT/REL */
#define REL_LEN 256 /* a path under ROOT */
#define CHUNK 65536

static const char *root;

static void die(const char *what, const char *path)
{
	printf("ext4: FAIL %s %s: %s\n", what, path, strerror(errno));
	exit(1);
}

/* The test's data: byte i of a file written with seed s. */
static unsigned char pattern(uint64_t i, unsigned int seed)
{
	return (unsigned char)(i * 131 + seed * 17 + (i >> 11));
}

static void full_path(char *out, const char *rel)
{
	snprintf(out, PATH_LEN, "%s/%s", root, rel);
}

static uint64_t fnv_step(uint64_t h, const unsigned char *p, size_t n)
{
	while (n--)
		h = (h ^ *p++) * 0x100000001b3ULL;
	return h;
}

/* Size and hash of a file, read through read(). */
static void hash_file(const char *rel, long long *size, uint64_t *hash)
{
	static unsigned char buf[CHUNK];
	char path[PATH_LEN];
	ssize_t n;
	int fd;

	full_path(path, rel);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		die("open", path);
	*size = 0;
	*hash = 0xcbf29ce484222325ULL;
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		*hash = fnv_step(*hash, buf, (size_t)n);
		*size += n;
	}
	if (n < 0)
		die("read", path);
	close(fd);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Print the tree under rel ("" for the root), in name order. */
static void walk(const char *tag, const char *rel)
{
	char path[PATH_LEN], child[REL_LEN];
	char **names = NULL;
	size_t count = 0, i;
	struct dirent *d;
	struct stat st;
	DIR *dir;

	full_path(path, rel);
	dir = opendir(path);
	if (!dir)
		die("opendir", path);
	while ((d = readdir(dir))) {
		if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
			continue;
		names = realloc(names, (count + 1) * sizeof(*names));
		names[count++] = strdup(d->d_name);
	}
	closedir(dir);
	if (count)
		qsort(names, count, sizeof(*names), by_name);
	for (i = 0; i < count; i++) {
		snprintf(child, sizeof(child), "%s%s%s", rel, *rel ? "/" : "",
			 names[i]);
		full_path(path, child);
		if (stat(path, &st) < 0)
			die("stat", path);
		if (S_ISDIR(st.st_mode)) {
			printf("ext4: %s dir %s\n", tag, child);
			walk(tag, child);
		} else {
			long long size;
			uint64_t hash;

			hash_file(child, &size, &hash);
			if (size != (long long)st.st_size) {
				printf("ext4: FAIL %s: stat size %lld, read "
				       "%lld\n",
				       child, (long long)st.st_size, size);
				exit(1);
			}
			printf("ext4: %s file %s %lld %016llx\n", tag, child,
			       size, (unsigned long long)hash);
		}
		free(names[i]);
	}
	free(names);
}

/* Write len pattern bytes (seed) at offset, in odd-sized pieces. */
static int write_pattern(int fd, long long offset, long long len,
			 unsigned int seed)
{
	static unsigned char buf[CHUNK];
	long long done = 0;

	while (done < len) {
		size_t n = len - done > 40000 ? 40000 : (size_t)(len - done);
		size_t i;

		for (i = 0; i < n; i++)
			buf[i] = pattern((uint64_t)(offset + done + i), seed);
		ssize_t w = pwrite(fd, buf, n, offset + done);

		if (w <= 0)
			return -1; /* a short write continues below */
		done += w;
	}
	return 0;
}

static int op_write(const char *rel, long long offset, long long len,
		    unsigned int seed, int flags)
{
	char path[PATH_LEN];
	int fd, rc;

	full_path(path, rel);
	fd = open(path, flags, 0644);
	if (fd < 0)
		return -1;
	if (flags & O_APPEND) {
		offset = lseek(fd, 0, SEEK_END);
		rc = offset < 0 ? -1 : 0;
		/* appended with write(), the offset the kernel keeps */
		while (!rc && len > 0) {
			unsigned char b[1000];
			size_t n = len > 1000 ? 1000 : (size_t)len, i;

			for (i = 0; i < n; i++)
				b[i] = pattern((uint64_t)offset + i, seed);
			rc = write(fd, b, n) == (ssize_t)n ? 0 : -1;
			offset += n;
			len -= n;
		}
	} else {
		rc = write_pattern(fd, offset, len, seed);
	}
	if (!rc)
		rc = fsync(fd);
	if (close(fd) < 0)
		rc = -1;
	return rc;
}

static int op_truncate(const char *rel, long long len)
{
	char path[PATH_LEN];
	int fd, rc;

	full_path(path, rel);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -1;
	rc = ftruncate(fd, len);
	close(fd);
	return rc;
}

static int op_files(const char *rel, int count, long long len,
		    unsigned int seed)
{
	char name[REL_LEN + 16];
	int i;

	for (i = 0; i < count; i++) {
		snprintf(name, sizeof(name), "%s/f%03d", rel, i);
		if (op_write(name, 0, len, seed + i,
			     O_WRONLY | O_CREAT | O_EXCL))
			return -1;
	}
	return 0;
}

/* A file unlinked while open stays readable until its last close. */
static int op_unlink_open(const char *rel, long long len, unsigned int seed)
{
	unsigned char byte;
	char path[PATH_LEN];
	int fd, rc;

	full_path(path, rel);
	fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0644);
	if (fd < 0)
		return -1;
	rc = write_pattern(fd, 0, len, seed);
	if (!rc)
		rc = unlink(path);
	if (!rc && (pread(fd, &byte, 1, len - 1) != 1 ||
		    byte != pattern((uint64_t)len - 1, seed))) {
		errno = EIO;
		rc = -1;
	}
	if (close(fd) < 0)
		rc = -1;
	return rc;
}

/* Two fds on one file, each writing half: both halves must land. */
static int op_two_fds(const char *rel, long long len, unsigned int seed)
{
	char path[PATH_LEN];
	long long half = len / 2;
	int a, b, rc;

	full_path(path, rel);
	a = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	b = a < 0 ? -1 : open(path, O_RDWR);
	if (b < 0)
		return -1;
	rc = write_pattern(b, half, len - half, seed);
	if (!rc)
		rc = write_pattern(a, 0, half, seed);
	if (close(b) < 0 || close(a) < 0)
		rc = -1;
	return rc;
}

/* Write F until the disk is full: the write must fail with ENOSPC. */
static int op_fill(const char *rel, unsigned int seed)
{
	char path[PATH_LEN];
	long long done = 0;
	int fd, rc;

	full_path(path, rel);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return -1;
	while ((rc = write_pattern(fd, done, CHUNK, seed)) == 0)
		done += CHUNK;
	if (errno == ENOSPC && done > 0) {
		printf("ext4: filled %s (at least %lld bytes)\n", rel, done);
		rc = 0;
	}
	if (close(fd) < 0 && errno != ENOSPC)
		rc = -1;
	return rc;
}

/*
 * One line of ops.txt:
 *   mkdir D | rmdir D | unlink F | rename A B
 *   write F LEN SEED        create or truncate, write LEN bytes
 *   pwrite F OFF LEN SEED   write into an existing file at OFF
 *   append F LEN SEED       O_APPEND writes
 *   truncate F LEN          ftruncate
 *   files D COUNT LEN SEED  D/f000.. (COUNT new files, seeds SEED+i)
 *   unlinkopen F LEN SEED   write a new F, unlink it, read it, close
 *   twofds F LEN SEED       write F's halves through two fds
 *   fill F SEED             write F until ENOSPC (then empty it!)
 *   sync                    sync(): everything so far is on the disk
 *   stat P                  must exist
 * Returns 0 or -1 with errno set.
 */
static int run_op(char *line)
{
	char cmd[16], a[REL_LEN], b[REL_LEN], path[PATH_LEN];
	long long x = 0, y = 0, z = 0;
	struct stat st;
	int n = sscanf(line, "%15s %255s %255s", cmd, a, b);

	if (n == 1 && !strcmp(cmd, "sync")) {
		sync();
		return 0;
	}
	if (n < 2) {
		errno = EINVAL;
		return -1;
	}
	sscanf(line, "%*s %*s %lld %lld %lld", &x, &y, &z);
	full_path(path, a);
	if (!strcmp(cmd, "mkdir"))
		return mkdir(path, 0755);
	if (!strcmp(cmd, "rmdir"))
		return rmdir(path);
	if (!strcmp(cmd, "unlink"))
		return unlink(path);
	if (!strcmp(cmd, "stat"))
		return stat(path, &st);
	if (!strcmp(cmd, "rename")) {
		char to[PATH_LEN];

		full_path(to, b);
		return rename(path, to);
	}
	if (!strcmp(cmd, "write"))
		return op_write(a, 0, x, (unsigned int)y,
				O_WRONLY | O_CREAT | O_TRUNC);
	if (!strcmp(cmd, "pwrite"))
		return op_write(a, x, y, (unsigned int)z, O_RDWR);
	if (!strcmp(cmd, "append"))
		return op_write(a, 0, x, (unsigned int)y, O_WRONLY | O_APPEND);
	if (!strcmp(cmd, "truncate"))
		return op_truncate(a, x);
	if (!strcmp(cmd, "unlinkopen"))
		return op_unlink_open(a, x, (unsigned int)y);
	if (!strcmp(cmd, "twofds"))
		return op_two_fds(a, x, (unsigned int)y);
	if (!strcmp(cmd, "fill"))
		return op_fill(a, (unsigned int)x);
	if (!strcmp(cmd, "files"))
		return op_files(a, (int)x, y, (unsigned int)z);
	errno = EINVAL;
	return -1;
}

static const struct {
	const char *name;
	int value;
} errnos[] = {
	{ "ENOENT", ENOENT },	    { "EEXIST", EEXIST },
	{ "ENOTDIR", ENOTDIR },	    { "EISDIR", EISDIR },
	{ "ENOTEMPTY", ENOTEMPTY }, { "EINVAL", EINVAL },
};

static int errno_named(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(errnos) / sizeof(errnos[0]); i++)
		if (!strcmp(errnos[i].name, name))
			return errnos[i].value;
	return -1;
}

/* A line "fail ERRNO OP..." must fail with ERRNO; others must work. */
static void run_line(int number, char *line)
{
	char want[16];
	int skip;

	if (sscanf(line, "fail %15s %n", want, &skip) == 1) {
		errno = 0;
		if (run_op(line + skip) == 0 || errno != errno_named(want)) {
			printf("ext4: FAIL op %d (%s): %s, expected %s\n",
			       number, line, errno ? strerror(errno) : "done",
			       want);
			exit(1);
		}
	} else if (run_op(line) < 0) {
		printf("ext4: FAIL op %d (%s): %s\n", number, line,
		       strerror(errno));
		exit(1);
	}
	printf("ext4: op %d ok\n", number);
}

/* ops.txt, read whole with read() (stdio would hide short reads). */
static char *read_ops(void)
{
	char path[PATH_LEN], *text = NULL;
	size_t len = 0;
	ssize_t n;
	int fd;

	full_path(path, "ops.txt");
	fd = open(path, O_RDONLY);
	if (fd < 0)
		die("open", path);
	do {
		text = realloc(text, len + 4097);
		n = read(fd, text + len, 4096);
		if (n < 0)
			die("read", path);
		len += (size_t)n;
	} while (n > 0);
	close(fd);
	text[len] = '\0';
	return text;
}

static void run_ops(void)
{
	char *text = read_ops(), *line, *next;
	int number = 0;

	for (line = text; *line; line = next) {
		next = line + strcspn(line, "\n");
		if (*next)
			*next++ = '\0';
		if (line[0] && line[0] != '#')
			run_line(++number, line);
	}
	free(text);
}

int main(int argc, char **argv)
{
	root = argc > 1 ? argv[1] : "/data";
	walk("found", "");
	run_ops();
	walk("final", "");
	printf("ext4: done\n");
	return 0;
}
