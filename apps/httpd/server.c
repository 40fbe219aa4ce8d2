/*
 * server.c: httpd's connections. One poll() loop over the listening sockets and every
 * connection, all non-blocking. A connection reads a request head, writes the response
 * (headers, then the body in chunks as the socket takes them), and either waits for the next
 * request (keep-alive; pipelined ones are answered in order) or closes: after an error or
 * "Connection: close" it shuts its sending side and reads what the client still sends for a
 * while, so the client sees the whole response and a FIN, not a reset.
 */
#include "server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "files.h"
#include "http.h"
#include "../lib/sock.h"

#define OUT_CHUNK 16384
/* A connection waiting for a request (or stuck writing) this long is closed. */
#define IDLE_MS 30000
/* After an error response: how long to keep reading what the client still sends. */
#define LINGER_MS 2000

enum conn_state { READING, WRITING, DRAINING, DEAD };

struct conn {
	int fd;
	enum conn_state state;
	int close_after; /* close once this response is out */
	long long last_ms; /* last progress */
	unsigned long body_skip; /* request body bytes still to throw away */
	const struct file *body; /* the response body being sent, or NULL */
	struct file tree_file; /* body's, when it is a file of the --root tree */
	size_t body_off, body_end;
	size_t in_len, out_len, out_pos;
	char peer[INET6_ADDRSTRLEN + 8];
	char in[HTTP_MAX_HEAD];
	unsigned char out[OUT_CHUNK];
};

struct server {
	const struct server_options *opt;
	struct conn **conns; /* opt->max_conns slots */
	long served; /* responses sent in full */
	int quit; /* the quit path was asked for: finish and exit */
};

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static int stopping(const struct server *s)
{
	return s->quit ||
	       (s->opt->max_requests && s->served >= s->opt->max_requests);
}

static void conn_close(struct conn *c)
{
	files_release(&c->tree_file);
	close(c->fd);
	c->state = DEAD;
}

/* Drop the first n bytes of the input buffer. */
static void consume(struct conn *c, size_t n)
{
	memmove(c->in, c->in + n, c->in_len - n);
	c->in_len -= n;
}

static void log_request(const struct server *s, const struct conn *c,
			const struct http_request *req, int status,
			size_t length)
{
	if (s->opt->quiet)
		return;
	printf("httpd: %s \"%s %s HTTP/1.%d\" %d %zu\n", c->peer,
	       req->method[0] ? req->method : "-",
	       req->target[0] ? req->target : "-", req->minor, status, length);
}

/* Queue a response: headers now, body (f from its start, unless HEAD) as it is sent. */
static void respond(struct server *s, struct conn *c,
		    const struct http_request *req, int status,
		    const struct file *f)
{
	static const unsigned char nothing[1];
	struct file error_body;
	char text[64];
	int head = !strcmp(req->method, "HEAD");
	size_t n;

	if (status >= 300 || !f) {
		/* A short text body saying what went wrong. */
		snprintf(text, sizeof(text), "%d %s\n", status,
			 http_reason(status));
		error_body = (struct file){ .path = "",
					    .type = "text/plain; charset=utf-8",
					    .data = nothing,
					    .size = strlen(text) };
		f = &error_body;
	}
	if (status >= 400 && status != 404 && status != 405)
		c->close_after = 1;
	else
		c->close_after = !req->keep_alive ||
				 (s->opt->max_requests &&
				  s->served + 1 >= s->opt->max_requests);
	n = snprintf(
		(char *)c->out, sizeof(c->out),
		"HTTP/1.1 %d %s\r\nServer: petrel-httpd\r\nContent-Type: %s\r\n"
		"Content-Length: %zu\r\n%sConnection: %s\r\n\r\n",
		status, http_reason(status), f->type, f->size,
		status == 405 ? "Allow: GET, HEAD\r\n" : "",
		c->close_after ? "close" : "keep-alive");
	c->out_pos = 0;
	c->out_len = n;
	c->body = head ? NULL : f;
	c->body_off = 0;
	c->body_end = f->size;
	if (f == &error_body && !head) {
		/* The text is here, not in the file: put it straight after the headers. */
		memcpy(c->out + n, text, f->size);
		c->out_len += f->size;
		c->body = NULL;
	}
	c->state = WRITING;
	log_request(s, c, req, status, f->size);
}

/* Answer the next whole request in the input buffer; 0 if there is none yet. */
static int next_request(struct server *s, struct conn *c)
{
	struct http_request req;
	int rc;

	if (c->body_skip) {
		size_t n = c->in_len < c->body_skip ? c->in_len : c->body_skip;

		consume(c, n);
		c->body_skip -= n;
		if (c->body_skip)
			return 0;
	}
	if (!c->in_len)
		return 0;
	rc = http_parse(c->in, c->in_len, &req);
	if (rc == 0)
		return 0;
	if (rc != 1) {
		respond(s, c, &req, rc, NULL);
		return 1;
	}
	consume(c, req.head_len);
	c->body_skip = req.content_length;
	if (strcmp(req.method, "GET") && strcmp(req.method, "HEAD")) {
		respond(s, c, &req, 405, NULL);
	} else if (s->opt->quit_path &&
		   !strcmp(req.target, s->opt->quit_path)) {
		static const struct file bye = {
			.path = "",
			.type = "text/plain",
			.data = (const unsigned char *)"bye\n",
			.size = 4
		};

		s->quit = 1;
		req.keep_alive = 0;
		respond(s, c, &req, 200, &bye);
	} else {
		const struct file *f;

		files_release(&c->tree_file);
		f = files_lookup(req.target, &c->tree_file);

		respond(s, c, &req, f ? 200 : 404, f);
	}
	return 1;
}

/* Send what is queued. Returns 1 when the response is all out, 0 when the socket is full,
 * -1 when the connection failed (it is closed). */
static int flush(struct conn *c)
{
	for (;;) {
		ssize_t w;

		if (c->out_pos == c->out_len) {
			if (!c->body || c->body_off >= c->body_end)
				return 1;
			c->out_len = files_read(c->body, c->body_off, c->out,
						sizeof(c->out));
			c->out_pos = 0;
			c->body_off += c->out_len;
		}
		w = send(c->fd, c->out + c->out_pos, c->out_len - c->out_pos,
			 0);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		if (w <= 0) {
			conn_close(c);
			return -1;
		}
		c->out_pos += w;
		c->last_ms = now_ms();
	}
}

/* Move a connection on as far as it can go without waiting. */
static void advance(struct server *s, struct conn *c)
{
	while (c->state == READING || c->state == WRITING) {
		if (c->state == READING && !next_request(s, c))
			return;
		if (flush(c) <= 0)
			return;
		s->served++;
		if (c->close_after) {
			shutdown(c->fd, SHUT_WR);
			c->state = DRAINING;
			c->last_ms = now_ms();
		} else {
			c->state = READING;
		}
	}
}

/* The socket is readable: take what came. */
static void on_readable(struct server *s, struct conn *c)
{
	char scratch[4096];
	char *buf = c->state == DRAINING ? scratch : c->in + c->in_len;
	size_t room = c->state == DRAINING ? sizeof(scratch) :
					     sizeof(c->in) - c->in_len;
	ssize_t r = recv(c->fd, buf, room, 0);

	if (r < 0 &&
	    (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
		return;
	if (r <= 0) {
		conn_close(c);
		return;
	}
	if (c->state == DRAINING)
		return;
	c->in_len += r;
	c->last_ms = now_ms();
	advance(s, c);
}

/* A free slot for a new connection: if there is none, the longest idle one is closed. */
static int free_slot(struct server *s)
{
	static const struct linger reset = { .l_onoff = 1, .l_linger = 0 };
	int oldest = -1;

	for (int i = 0; i < s->opt->max_conns; i++) {
		if (!s->conns[i])
			return i;
		if (oldest < 0 ||
		    s->conns[i]->last_ms < s->conns[oldest]->last_ms)
			oldest = i;
	}
	/* Reset rather than close: a closed connection would keep its resources (in the guest,
	 * an lwIP PCB) until the client closes too, and this one has gone quiet. */
	setsockopt(s->conns[oldest]->fd, SOL_SOCKET, SO_LINGER, &reset,
		   sizeof(reset));
	conn_close(s->conns[oldest]);
	free(s->conns[oldest]);
	s->conns[oldest] = NULL;
	return oldest;
}

static void accept_all(struct server *s, int lfd)
{
	for (;;) {
		struct sockaddr_storage ss;
		socklen_t len = sizeof(ss);
		int fd = accept(lfd, (struct sockaddr *)&ss, &len);
		struct conn *c;
		int slot;

		if (fd < 0) {
			if (errno == ECONNABORTED || errno == EINTR)
				continue;
			if (errno != EAGAIN && errno != EWOULDBLOCK)
				perror("httpd: accept");
			return;
		}
		c = malloc(sizeof(*c));
		if (!c || sock_nonblock(fd) < 0) {
			free(c);
			close(fd);
			continue;
		}
		memset(c, 0, offsetof(struct conn, in));
		c->fd = fd;
		c->state = READING;
		c->last_ms = now_ms();
		sock_peer_name((struct sockaddr *)&ss, c->peer,
			       sizeof(c->peer));
		slot = free_slot(s);
		s->conns[slot] = c;
	}
}

/* Close what has been idle too long; when stopping, also what is waiting for a request. */
static void sweep(struct server *s)
{
	long long now = now_ms();

	for (int i = 0; i < s->opt->max_conns; i++) {
		struct conn *c = s->conns[i];

		if (!c)
			continue;
		if (c->state != DEAD) {
			long long limit = c->state == DRAINING ? LINGER_MS :
								 IDLE_MS;

			if (now - c->last_ms > limit ||
			    (stopping(s) && c->state == READING && !c->in_len))
				conn_close(c);
		}
		if (c->state == DEAD) {
			free(c);
			s->conns[i] = NULL;
		}
	}
}

static int poll_events(enum conn_state st)
{
	return st == WRITING ? POLLOUT : POLLIN;
}

int server_run(const int *fds, int n, const struct server_options *opt)
{
	struct server s = { .opt = opt };
	struct pollfd *pfd = calloc(n + opt->max_conns, sizeof(*pfd));
	int *slot = calloc(opt->max_conns, sizeof(*slot));

	s.conns = calloc(opt->max_conns, sizeof(*s.conns));
	if (!pfd || !slot || !s.conns)
		return -ENOMEM;
	for (;;) {
		int np = 0, nl, nc = 0;

		sweep(&s);
		if (!stopping(&s))
			for (int i = 0; i < n; i++)
				pfd[np++] =
					(struct pollfd){ fds[i], POLLIN, 0 };
		nl = np;
		for (int i = 0; i < opt->max_conns; i++) {
			if (!s.conns[i])
				continue;
			pfd[np++] =
				(struct pollfd){ s.conns[i]->fd,
						 poll_events(s.conns[i]->state),
						 0 };
			slot[nc++] = i;
		}
		if (np == 0)
			break; /* stopping, and every connection is closed */
		if (poll(pfd, np, 1000) < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		for (int i = nl; i < np; i++) {
			struct conn *c = s.conns[slot[i - nl]];

			if (!pfd[i].revents || c->state == DEAD)
				continue;
			if (c->state == WRITING)
				advance(&s, c);
			else
				on_readable(&s, c);
		}
		for (int i = 0; i < nl; i++)
			if (pfd[i].revents)
				accept_all(&s, pfd[i].fd);
	}
	free(pfd);
	free(slot);
	free(s.conns);
	return 0;
}
