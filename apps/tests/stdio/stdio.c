/*
 * Test app: stdio as the runner connected it. argv[1] picks the check:
 *   streams  say which fds are terminals, then write stdout and stderr in
 *            turn (a stdout line split by a stderr write, and a last line
 *            without a newline), for the runner to split exactly
 *   lines    echo stdin line by line, then say how input ended
 *   bytes    read(0) to the end, then say how many bytes and their hash
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *kind(int fd)
{
	struct stat st;

	if (fstat(fd, &st))
		return "error";
	return S_ISCHR(st.st_mode)  ? "chr" :
	       S_ISFIFO(st.st_mode) ? "fifo" :
				      "other";
}

static int streams(void)
{
	printf("stdio: isatty %d %d %d, fstat %s %s %s\n", isatty(0), isatty(1),
	       isatty(2), kind(0), kind(1), kind(2));
	fflush(stdout);
	fprintf(stderr, "err: one\n");
	printf("out: one\n");
	fflush(stdout);
	fputs("err: two", stderr);
	fputs(" (same line)\n", stderr);
	write(1, "out: tw", 7);
	write(2, "err: three\n", 11);
	write(1, "o\n", 2);
	printf("out: last, no newline");
	return 0;
}

static int lines(void)
{
	char line[256];
	int n = 0;

	while (fgets(line, sizeof(line), stdin)) {
		line[strcspn(line, "\n")] = '\0';
		printf("stdin: line [%s]\n", line);
		n++;
	}
	printf("stdin: %s after %d lines\n", feof(stdin) ? "eof" : "error", n);
	return 0;
}

/* FNV-1a over everything read; the test computes the same on the host. */
static int bytes(void)
{
	unsigned char buf[300];
	uint32_t hash = 2166136261u;
	long total = 0, n;

	while ((n = read(0, buf, sizeof(buf))) > 0) {
		for (long i = 0; i < n; i++)
			hash = (hash ^ buf[i]) * 16777619u;
		total += n;
	}
	printf("stdin: %ld bytes, fnv1a %08lx, last read %ld, again %ld\n",
	       total, (unsigned long)hash, n, (long)read(0, buf, 1));
	return 0;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";

	if (!strcmp(mode, "streams"))
		return streams();
	if (!strcmp(mode, "lines"))
		return lines();
	if (!strcmp(mode, "bytes"))
		return bytes();
	fprintf(stderr, "usage: stdio streams|lines|bytes\n");
	return 2;
}
