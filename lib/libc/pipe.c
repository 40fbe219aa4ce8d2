/*
 * Pipes between the threads of the program: pipe() and pipe2() give a
 * read end and a write end on the fd table, over a 64 KiB ring (Linux's
 * default capacity). As on Linux: a read waits for data and returns 0
 * once every write end is closed; a write waits for room, and writes of
 * at most PIPE_BUF bytes go in whole; writing with no read end left
 * raises SIGPIPE and fails with EPIPE; O_NONBLOCK turns waits into
 * EAGAIN. Each end is one fd (there is no dup), so closing it closes
 * that end.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "kernel/sync.h"
#include "lib/libc/errno.h"
#include "lib/libc/fd.h"

#define PIPE_CAPACITY 65536

struct pipe {
	struct mutex guard;
	struct cond changed; /* data, room or an end closed */
	size_t head, used;
	bool reader_open, writer_open;
	bool nonblocking;
	char ring[PIPE_CAPACITY];
};

/* Data, room or an end changed: wake blocked readers/writers and poll. */
static void changed(struct pipe *p)
{
	cond_broadcast(&p->changed);
	fd_poll_wake();
}

static size_t ring_take(struct pipe *p, char *out, size_t len)
{
	size_t n = len < p->used ? len : p->used;

	for (size_t i = 0; i < n; i++)
		out[i] = p->ring[(p->head + i) % PIPE_CAPACITY];
	p->head = (p->head + n) % PIPE_CAPACITY;
	p->used -= n;
	return n;
}

static size_t ring_put(struct pipe *p, const char *in, size_t len)
{
	size_t room = PIPE_CAPACITY - p->used;
	size_t n = len < room ? len : room;

	for (size_t i = 0; i < n; i++)
		p->ring[(p->head + p->used + i) % PIPE_CAPACITY] = in[i];
	p->used += n;
	return n;
}

static ssize_t pipe_read(void *priv, void *buf, size_t len)
{
	struct pipe *p = priv;
	ssize_t rc = 0;

	if (!len)
		return 0;
	mutex_lock(&p->guard);
	while (!p->used && p->writer_open && !p->nonblocking)
		cond_wait(&p->changed, &p->guard, 0);
	if (p->used)
		rc = (ssize_t)ring_take(p, buf, len);
	else if (p->writer_open)
		rc = -EAGAIN;
	changed(p);
	mutex_unlock(&p->guard);
	return rc;
}

/* Room to go on with: all of a small write must fit at once. */
static bool has_room(const struct pipe *p, size_t left, size_t total)
{
	size_t room = PIPE_CAPACITY - p->used;

	return total <= PIPE_BUF ? room >= left : room > 0;
}

static ssize_t pipe_write(void *priv, const void *buf, size_t len)
{
	struct pipe *p = priv;
	const char *in = buf;
	size_t done = 0;
	ssize_t rc;

	if (!len)
		return 0;
	mutex_lock(&p->guard);
	while (done < len && p->reader_open) {
		if (!has_room(p, len - done, len)) {
			if (p->nonblocking)
				break;
			cond_wait(&p->changed, &p->guard, 0);
			continue;
		}
		done += ring_put(p, in + done, len - done);
		changed(p);
	}
	rc = done ? (ssize_t)done : p->reader_open ? -EAGAIN : -EPIPE;
	mutex_unlock(&p->guard);
	if (rc == -EPIPE)
		raise(SIGPIPE);
	return rc;
}

/* The pipe goes when both ends are closed. */
static int close_end(struct pipe *p, bool *end)
{
	bool other_open;

	mutex_lock(&p->guard);
	*end = false;
	other_open = p->reader_open || p->writer_open;
	changed(p);
	mutex_unlock(&p->guard);
	if (!other_open)
		free(p);
	return 0;
}

static int pipe_close_reader(void *priv)
{
	struct pipe *p = priv;

	return close_end(p, &p->reader_open);
}

static int pipe_close_writer(void *priv)
{
	struct pipe *p = priv;

	return close_end(p, &p->writer_open);
}

static int pipe_fstat(void *priv, struct stat *st)
{
	(void)priv;
	st->st_mode = S_IFIFO | 0600;
	st->st_blksize = PIPE_BUF;
	return 0;
}

/* As Linux: readable with data, hung up once every writer is gone. */
static int pipe_poll_reader(void *priv)
{
	struct pipe *p = priv;
	int ready;

	mutex_lock(&p->guard);
	ready = (p->used ? FD_READY_IN : 0) |
		(p->writer_open ? 0 : FD_READY_HUP);
	mutex_unlock(&p->guard);
	return ready;
}

/* Writable with PIPE_BUF bytes of room; an error once the reader left. */
static int pipe_poll_writer(void *priv)
{
	struct pipe *p = priv;
	int ready;

	mutex_lock(&p->guard);
	ready = !p->reader_open			? FD_READY_ERR :
		has_room(p, PIPE_BUF, PIPE_BUF) ? FD_READY_OUT :
						  0;
	mutex_unlock(&p->guard);
	return ready;
}

static int pipe_get_flags(void *priv)
{
	struct pipe *p = priv;

	return p->nonblocking ? O_NONBLOCK : 0;
}

static int pipe_set_flags(void *priv, int flags)
{
	struct pipe *p = priv;

	mutex_lock(&p->guard);
	p->nonblocking = flags & O_NONBLOCK;
	changed(p);
	mutex_unlock(&p->guard);
	return 0;
}

static const struct file_ctl_ops read_end_ops = {
	.ops = { .read = pipe_read,
		 .fstat = pipe_fstat,
		 .close = pipe_close_reader,
		 .has_ctl = 1 },
	.poll = pipe_poll_reader,
	.get_flags = pipe_get_flags,
	.set_flags = pipe_set_flags,
};

static const struct file_ctl_ops write_end_ops = {
	.ops = { .write = pipe_write,
		 .fstat = pipe_fstat,
		 .close = pipe_close_writer,
		 .has_ctl = 1 },
	.poll = pipe_poll_writer,
	.get_flags = pipe_get_flags,
	.set_flags = pipe_set_flags,
};

int pipe2(int fds[2], int flags)
{
	struct pipe *p;
	int rd, wr;

	if (flags & ~(O_NONBLOCK | O_CLOEXEC)) {
		libc_set_errno(EINVAL);
		return -1;
	}
	p = calloc(1, sizeof(*p));
	if (!p) {
		libc_set_errno(ENFILE);
		return -1;
	}
	mutex_init(&p->guard);
	cond_init(&p->changed);
	p->reader_open = p->writer_open = true;
	p->nonblocking = flags & O_NONBLOCK;
	rd = fd_alloc(&read_end_ops.ops, p);
	wr = rd < 0 ? rd : fd_alloc(&write_end_ops.ops, p);
	if (wr < 0) {
		if (rd >= 0)
			fd_release(rd);
		free(p);
		libc_set_errno(-wr);
		return -1;
	}
	fds[0] = rd;
	fds[1] = wr;
	return 0;
}

int pipe(int fds[2])
{
	return pipe2(fds, 0);
}
