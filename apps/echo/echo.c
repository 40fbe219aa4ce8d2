/*
 * echo: the echo service (RFC 862) over TCP and UDP, IPv4 and IPv6. Every byte a TCP client
 * sends comes back, many clients at once (one poll() loop, non-blocking sockets: a client
 * that does not read its echo stops being read from, and slows no one else down); every UDP
 * datagram is sent back to where it came from. One log line per TCP connection, when it ends.
 *
 *   echo [-p PORT] [-q] [-n COUNT]
 *
 * -p: the port (default 7). -q: no log lines. -n: exit 0 once COUNT TCP connections have
 * ended (default: serve for ever).
 */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../lib/args.h"
#include "../lib/sock.h"

#define MAX_CONNS 256
#define BUF_SIZE 16384

struct conn {
	int fd;
	int eof; /* the client has finished sending */
	size_t len, pos; /* bytes in buf, bytes of them already echoed */
	unsigned long long total;
	char peer[INET6_ADDRSTRLEN + 8];
	char buf[BUF_SIZE];
};

struct echo {
	int tcp[2], udp[2], ntcp, nudp;
	struct conn *conns[MAX_CONNS];
	int quiet;
	long ended;
};

static void conn_end(struct echo *e, int i, const char *why)
{
	struct conn *c = e->conns[i];

	if (!e->quiet)
		printf("echo: tcp %s %s after %llu bytes\n", c->peer, why,
		       c->total);
	close(c->fd);
	free(c);
	e->conns[i] = NULL;
	e->ended++;
}

static void accept_all(struct echo *e, int lfd)
{
	for (;;) {
		struct sockaddr_storage ss;
		socklen_t len = sizeof(ss);
		int fd = accept(lfd, (struct sockaddr *)&ss, &len), i;
		struct conn *c;

		if (fd < 0) {
			if (errno == ECONNABORTED || errno == EINTR)
				continue;
			return;
		}
		for (i = 0; i < MAX_CONNS && e->conns[i]; i++)
			;
		c = i < MAX_CONNS ? calloc(1, sizeof(*c)) : NULL;
		if (!c || sock_nonblock(fd) < 0) {
			/* Full: this client is turned away at once rather than left hanging. */
			free(c);
			close(fd);
			continue;
		}
		c->fd = fd;
		sock_peer_name((struct sockaddr *)&ss, c->peer,
			       sizeof(c->peer));
		e->conns[i] = c;
	}
}

/* Read what the client sent and echo it, until the socket would block either way. */
static void serve(struct echo *e, int i)
{
	struct conn *c = e->conns[i];

	for (;;) {
		ssize_t n;

		if (c->pos < c->len) {
			n = send(c->fd, c->buf + c->pos, c->len - c->pos, 0);
			if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK ||
				      errno == EINTR))
				return;
			if (n <= 0) {
				conn_end(e, i, "failed");
				return;
			}
			c->pos += n;
			c->total += n;
			continue;
		}
		if (c->eof) {
			conn_end(e, i, "closed");
			return;
		}
		n = recv(c->fd, c->buf, sizeof(c->buf), 0);
		if (n < 0 &&
		    (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
			return;
		if (n < 0) {
			conn_end(e, i, "reset");
			return;
		}
		c->eof = n == 0;
		c->len = n;
		c->pos = 0;
	}
}

/* Send every waiting datagram back; one the socket cannot take now is dropped, as UDP may. */
static void echo_datagrams(int fd)
{
	static char buf[65536];

	for (;;) {
		struct sockaddr_storage from;
		socklen_t len = sizeof(from);
		ssize_t n = recvfrom(fd, buf, sizeof(buf), 0,
				     (struct sockaddr *)&from, &len);

		if (n < 0)
			return;
		sendto(fd, buf, n, 0, (struct sockaddr *)&from, len);
	}
}

static int run(struct echo *e, long max_ended)
{
	struct pollfd pfd[4 + MAX_CONNS];
	int slot[MAX_CONNS];

	while (!max_ended || e->ended < max_ended) {
		int np = 0, nc = 0, nl;

		for (int i = 0; i < e->ntcp; i++)
			pfd[np++] = (struct pollfd){ e->tcp[i], POLLIN, 0 };
		for (int i = 0; i < e->nudp; i++)
			pfd[np++] = (struct pollfd){ e->udp[i], POLLIN, 0 };
		nl = np;
		for (int i = 0; i < MAX_CONNS; i++) {
			struct conn *c = e->conns[i];

			if (!c)
				continue;
			pfd[np++] = (struct pollfd){
				c->fd, c->pos < c->len ? POLLOUT : POLLIN, 0
			};
			slot[nc++] = i;
		}
		if (poll(pfd, np, -1) < 0) {
			if (errno == EINTR)
				continue;
			perror("echo: poll");
			return 1;
		}
		for (int i = nl; i < np; i++)
			if (pfd[i].revents && e->conns[slot[i - nl]])
				serve(e, slot[i - nl]);
		for (int i = 0; i < e->ntcp; i++)
			if (pfd[i].revents)
				accept_all(e, e->tcp[i]);
		for (int i = 0; i < e->nudp; i++)
			if (pfd[e->ntcp + i].revents)
				echo_datagrams(e->udp[i]);
	}
	return 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: echo [-p PORT] [-q] [-n COUNT]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	static struct echo e;
	struct sigaction ign = { .sa_handler = SIG_IGN };
	long max_ended = 0;
	int port = 7, c;

	while ((c = getopt(argc, argv, "p:qn:")) != -1) {
		switch (c) {
		case 'p':
			port = arg_number(optarg, 1, 65535, usage);
			break;
		case 'q':
			e.quiet = 1;
			break;
		case 'n':
			max_ended = arg_number(optarg, 1, LONG_MAX, usage);
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	sigaction(SIGPIPE, &ign, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);
	e.ntcp = sock_open_all("echo", SOCK_STREAM, port, e.tcp, NULL);
	e.nudp = sock_open_all("echo", SOCK_DGRAM, port, e.udp, NULL);
	if (e.ntcp + e.nudp == 0)
		return 1;
	printf("echo: listening on port %d (%d TCP, %d UDP sockets)\n", port,
	       e.ntcp, e.nudp);
	return run(&e, max_ended);
}
