/*
 * kvstore: a crash-safe key-value server. Clients speak a line protocol over TCP (see
 * proto.h: SET key value, GET key, DEL key); every change is a checksummed record appended
 * to a log on a disk and made durable (fsync) before it is acknowledged, and the log is
 * replayed into memory at start, so a crash loses nothing acknowledged. A torn or corrupt
 * record at the end of the log is reported on stderr and skipped.
 *
 *   kvstore [-p PORT] [-d DISK] [-a ALIGN] [-s BYTES] [-c CONNS] [-x]
 *
 * -p: the TCP port (default 6379). -d: the disk or file holding the log (default /dev/xvda;
 * a missing file is created). -a: each commit is padded to a multiple of ALIGN bytes
 * (default: the disk's sector size, from fstat's st_blksize; 512 for a plain file; 1: no
 * padding). -s: use at most BYTES of the disk.
 * -c: clients at once (default 256, or fewer if the open-file limit is lower).
 * -x: the SHUTDOWN command stops the server (exit status 0), for tests.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../lib/args.h"
#include "../lib/sock.h"
#include "server.h"
#include "store.h"

static void usage(void)
{
	fprintf(stderr, "usage: kvstore [-p PORT] [-d DISK] [-a ALIGN] "
			"[-s BYTES] [-c CONNS] [-x]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	static struct store st;
	long open_max = sysconf(_SC_OPEN_MAX);
	struct server_options opt = {
		.max_conns = open_max > 0 && open_max < 264 ? open_max - 8 : 256
	};
	struct sigaction ign = { .sa_handler = SIG_IGN };
	const char *disk = "/dev/xvda";
	long long limit = 0;
	int port = 6379, align = 0, fds[2], n, c, rc;

	while ((c = getopt(argc, argv, "p:d:a:s:c:x")) != -1) {
		switch (c) {
		case 'p':
			port = arg_number(optarg, 1, 65535, usage);
			break;
		case 'd':
			disk = optarg;
			break;
		case 'a':
			align = arg_number(optarg, 1, 4096, usage);
			break;
		case 's':
			limit = arg_number(optarg, 4096, 1LL << 50, usage);
			break;
		case 'c':
			opt.max_conns = arg_number(optarg, 1, 65536, usage);
			break;
		case 'x':
			opt.allow_shutdown = 1;
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
	rc = store_open(&st, disk, align, limit);
	if (rc < 0) {
		fprintf(stderr, "kvstore: log %s: %s\n", disk, strerror(-rc));
		return 1;
	}
	printf("kvstore: log %s: commits padded to %u bytes\n", disk,
	       st.log.align);
	n = sock_open_all("kvstore", SOCK_STREAM, port, fds, NULL);
	if (n == 0)
		return 1;
	printf("kvstore: listening on port %d\n", port);
	rc = server_run(&st, fds, n, &opt);
	if (rc < 0) {
		/* After a failed commit nothing more may be acknowledged. */
		fprintf(stderr, "kvstore: stopping: %s\n", strerror(-rc));
		return 1;
	}
	printf("kvstore: shut down with %zu keys, log ends at offset %llu\n",
	       st.table.count, (unsigned long long)st.log.tail);
	return 0;
}
