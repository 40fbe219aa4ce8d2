/*
 * httpd: a small HTTP/1.1 server. GET and HEAD of the files built into it (www/, see
 * mkwww.sh) and of /big.bin (1 MiB of pseudo-random bytes, see files.h), with keep-alive
 * and pipelining, over IPv4 and IPv6, many clients at once.
 *
 *   httpd [-p PORT] [-q] [-n COUNT] [-x PATH] [-c CONNS] [--root DIR]
 *
 * -p: the TCP port (default 80). -q: no log line per request. -n: exit 0 after COUNT
 * responses; -x: exit 0 after answering a GET of PATH (tests stop it so; default: serve
 * for ever). -c: open connections at most (default 256, or the open-file limit less 8 if
 * that is smaller; past it the longest idle connection is reset). --root: serve the files
 * under DIR too, before the embedded ones (a directory's index.html for the directory;
 * ".." in a request never climbs above DIR).
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../lib/args.h"
#include "../lib/sock.h"
#include "files.h"
#include "server.h"

static void usage(void)
{
	fprintf(stderr,
		"usage: httpd [-p PORT] [-q] [-n COUNT] [-x PATH] [-c CONNS] "
		"[--root DIR]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	/* At most 256 connections, and fewer when the process may open fewer files. */
	long open_max = sysconf(_SC_OPEN_MAX);
	struct server_options opt = {
		.max_conns = open_max > 0 && open_max < 264 ? open_max - 8 : 256
	};
	struct sigaction ign = { .sa_handler = SIG_IGN };
	const char *families;
	int port = 80, fds[2], n, c, rc;

	static const struct option longs[] = { { "root", 1, NULL, 'r' },
					       { NULL, 0, NULL, 0 } };

	while ((c = getopt_long(argc, argv, "p:qn:x:c:", longs, NULL)) != -1) {
		switch (c) {
		case 'p':
			port = arg_number(optarg, 1, 65535, usage);
			break;
		case 'q':
			opt.quiet = 1;
			break;
		case 'n':
			opt.max_requests =
				arg_number(optarg, 1, 1L << 30, usage);
			break;
		case 'x':
			opt.quit_path = optarg;
			break;
		case 'c':
			opt.max_conns = arg_number(optarg, 1, 65536, usage);
			break;
		case 'r':
			files_set_root(optarg);
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	/* A client that resets the connection must not kill the server. */
	sigaction(SIGPIPE, &ign, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);
	n = sock_open_all("httpd", SOCK_STREAM, port, fds, &families);
	if (n == 0)
		return 1;
	printf("httpd: listening on port %d (%s)\n", port, families);
	rc = server_run(fds, n, &opt);
	if (rc < 0) {
		fprintf(stderr, "httpd: %s\n", strerror(-rc));
		return 1;
	}
	printf("httpd: done, exiting\n");
	return 0;
}
