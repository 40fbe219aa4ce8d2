/*
 * server.c: kvstore's connections. Each round of the poll() loop reads what clients sent,
 * carries out every whole command line (changes go to the table and to the log's batch, replies
 * to each connection's output buffer), commits the batch with one write and one fsync, and only
 * then sends the replies: so several clients' changes share one fsync (group commit), and no
 * reply, not even a GET's, ever shows a change that is not durable yet.
 */
#include "server.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "../lib/sock.h"

#define IN_SIZE 8192
#define OUT_SIZE 16384
/* After SHUTDOWN: how long replies may take to go out. */
#define SHUTDOWN_MS 5000

struct conn {
	int fd;
	int eof; /* no more input (its end, or QUIT): close once all is answered and sent */
	int failed; /* the connection broke: close it now */
	int quit; /* QUIT was read */
	int skipping; /* throwing away the rest of a line that was too long */
	size_t in_len, out_len, out_pos;
	char in[IN_SIZE];
	char out[OUT_SIZE];
};

struct server {
	struct store *st;
	const struct server_options *opt;
	struct conn **conns;
	int stopping; /* SHUTDOWN was asked for */
	int batch_full; /* a command waits for the next commit */
};

static void conn_free(struct server *s, int i)
{
	close(s->conns[i]->fd);
	free(s->conns[i]);
	s->conns[i] = NULL;
}

/* Queue the reply line "<prefix><text>" (out_room() made room for it). */
static void reply(struct conn *c, const char *prefix, const char *text)
{
	c->out_len += snprintf(c->out + c->out_len, OUT_SIZE - c->out_len,
			       "%s%s\n", prefix, text);
}

/* Room for one more reply at the end of the output buffer? */
static int out_room(struct conn *c)
{
	if (OUT_SIZE - c->out_len >= KV_REPLY_MAX)
		return 1;
	memmove(c->out, c->out + c->out_pos, c->out_len - c->out_pos);
	c->out_len -= c->out_pos;
	c->out_pos = 0;
	return OUT_SIZE - c->out_len >= KV_REPLY_MAX;
}

static void consume(struct conn *c, size_t n)
{
	memmove(c->in, c->in + n, c->in_len - n);
	c->in_len -= n;
}

/* One command line; returns 0, or -EAGAIN if it must wait for the next commit. */
static int command(struct server *s, struct conn *c, const char *line,
		   size_t len)
{
	struct kv_command cmd;
	int n;

	kv_parse(line, len, &cmd);
	switch (cmd.verb) {
	case KV_BAD:
		reply(c, "ERR ", cmd.error);
		return 0;
	case KV_QUIT:
		reply(c, "", "BYE");
		c->quit = c->eof = 1;
		return 0;
	case KV_SHUTDOWN:
		if (!s->opt->allow_shutdown) {
			reply(c, "ERR ",
			      "SHUTDOWN is not enabled (kvstore -x)");
			return 0;
		}
		reply(c, "", "OK");
		s->stopping = 1;
		return 0;
	default:
		n = store_execute(s->st, &cmd, c->out + c->out_len);
		if (n < 0)
			return n;
		c->out_len += n;
		return 0;
	}
}

/* Carry out the whole lines c has sent, as far as its output buffer and the batch allow. */
static void process(struct server *s, struct conn *c)
{
	while (!s->stopping && !c->quit && out_room(c)) {
		char *nl = memchr(c->in, '\n', c->in_len);
		size_t n;

		if (!nl && c->in_len == IN_SIZE) {
			/* A line too long to be a command: say so once, drop it all. */
			if (!c->skipping)
				reply(c, "ERR ", "line too long");
			c->skipping = 1;
			c->in_len = 0;
			continue;
		}
		if (!nl)
			return;
		n = nl - c->in;
		if (!c->skipping && command(s, c, c->in, n) < 0) {
			s->batch_full = 1;
			return;
		}
		c->skipping = 0;
		consume(c, n + 1);
	}
	if (c->quit)
		c->in_len = 0;
}

/* Whether process() would get further with c right now. */
static int runnable(const struct server *s, const struct conn *c)
{
	return !s->stopping && !c->quit && !s->batch_full &&
	       memchr(c->in, '\n', c->in_len) &&
	       OUT_SIZE - (c->out_len - c->out_pos) >= KV_REPLY_MAX;
}

static void on_readable(struct conn *c)
{
	ssize_t r = recv(c->fd, c->in + c->in_len, IN_SIZE - c->in_len, 0);

	if (r < 0 &&
	    (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
		return;
	if (r > 0) {
		c->in_len += r;
		return;
	}
	/* The end of input: a last line without its LF still counts. */
	if (c->in_len && c->in[c->in_len - 1] != '\n' && c->in_len < IN_SIZE)
		c->in[c->in_len++] = '\n';
	c->eof = 1;
	c->failed = r < 0;
}

/* Send what is queued. Returns -1 when the connection failed. */
static int flush(struct conn *c)
{
	while (c->out_pos < c->out_len) {
		ssize_t w = send(c->fd, c->out + c->out_pos,
				 c->out_len - c->out_pos, 0);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		if (w <= 0)
			return -1;
		c->out_pos += w;
	}
	c->out_pos = c->out_len = 0;
	return 0;
}

static void accept_all(struct server *s, int lfd)
{
	for (;;) {
		int fd = accept(lfd, NULL, NULL), i;

		if (fd < 0) {
			if (errno == ECONNABORTED || errno == EINTR)
				continue;
			if (errno != EAGAIN && errno != EWOULDBLOCK)
				perror("kvstore: accept");
			return;
		}
		for (i = 0; i < s->opt->max_conns && s->conns[i]; i++)
			;
		if (i == s->opt->max_conns || sock_nonblock(fd) < 0) {
			close(fd); /* too many clients */
			continue;
		}
		s->conns[i] = calloc(1, sizeof(*s->conns[i]));
		if (!s->conns[i]) {
			close(fd);
			continue;
		}
		s->conns[i]->fd = fd;
	}
}

/* Read what came, carry out the commands, commit, send. Returns 0 or -errno. */
static int round_trip(struct server *s, struct pollfd *pfd, const int *slot,
		      int nl, int np)
{
	int rc;

	for (int i = nl; i < np; i++) {
		struct conn *c = s->conns[slot[i - nl]];

		if (pfd[i].revents & (POLLIN | POLLHUP | POLLERR) && !c->eof)
			on_readable(c);
	}
	s->batch_full = 0;
	for (int i = 0; i < s->opt->max_conns; i++)
		if (s->conns[i])
			process(s, s->conns[i]);
	rc = store_commit(s->st);
	if (rc < 0)
		return rc;
	s->batch_full = 0;
	for (int i = 0; i < s->opt->max_conns; i++) {
		struct conn *c = s->conns[i];

		if (!c)
			continue;
		if (c->failed || flush(c) < 0 ||
		    (c->eof && c->out_pos == c->out_len &&
		     !memchr(c->in, '\n', c->in_len)))
			conn_free(s, i);
	}
	return 0;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* After SHUTDOWN: is every reply out (or has it taken too long)? */
static int drained(struct server *s, long long since)
{
	if (now_ms() - since > SHUTDOWN_MS)
		return 1;
	for (int i = 0; i < s->opt->max_conns; i++)
		if (s->conns[i] && s->conns[i]->out_pos < s->conns[i]->out_len)
			return 0;
	return 1;
}

int server_run(struct store *st, const int *fds, int n,
	       const struct server_options *opt)
{
	struct server s = { .st = st, .opt = opt };
	struct pollfd *pfd = calloc(n + opt->max_conns, sizeof(*pfd));
	int *slot = calloc(opt->max_conns, sizeof(*slot)), rc = 0;
	long long stop_ms = 0;

	s.conns = calloc(opt->max_conns, sizeof(*s.conns));
	if (!pfd || !slot || !s.conns)
		return -ENOMEM;
	while (!s.stopping || !drained(&s, stop_ms)) {
		int np = 0, nl, busy = 0;

		for (int i = 0; i < n && !s.stopping; i++)
			pfd[np++] = (struct pollfd){ fds[i], POLLIN, 0 };
		nl = np;
		for (int i = 0; i < opt->max_conns; i++) {
			struct conn *c = s.conns[i];
			short ev = 0;

			if (!c)
				continue;
			if (!c->eof && c->in_len < IN_SIZE)
				ev |= POLLIN;
			if (c->out_pos < c->out_len)
				ev |= POLLOUT;
			busy |= runnable(&s, c);
			slot[np - nl] = i;
			pfd[np++] = (struct pollfd){ c->fd, ev, 0 };
		}
		if (poll(pfd, np, busy ? 0 : 1000) < 0 && errno != EINTR) {
			rc = -errno;
			break;
		}
		for (int i = 0; i < nl; i++)
			if (pfd[i].revents)
				accept_all(&s, pfd[i].fd);
		rc = round_trip(&s, pfd, slot, nl, np);
		if (rc < 0)
			break;
		if (s.stopping && !stop_ms)
			stop_ms = now_ms();
	}
	for (int i = 0; i < opt->max_conns; i++)
		if (s.conns[i])
			conn_free(&s, i);
	free(pfd);
	free(slot);
	free(s.conns);
	return rc;
}
