/*
 * log.c: kvstore's log on disk (see log.h). Reads and writes are whole sectors where the
 * format allows: replay reads 1 MiB windows from sector boundaries, and each commit starts
 * where the previous one ended (a sector boundary, thanks to the PAD record that ends it).
 */
#include "log.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define WINDOW (1u << 20)
#define BATCH (1u << 20)
#define SECTOR 512
#define MAX_ALIGN 4096 /* as -a allows */

/*
 * A commit should cover whole sectors, so that a torn one never damages
 * the sector of an earlier commit: a device's st_blksize is what it
 * writes at once (its sector size on Petrel; on Linux, the page size: a
 * multiple of it), and a plain file's filesystem handles the rest.
 */
static unsigned default_align(const struct stat *st)
{
	if (S_ISREG(st->st_mode) || st->st_blksize < SECTOR ||
	    st->st_blksize > MAX_ALIGN)
		return SECTOR;
	return (unsigned)st->st_blksize;
}

int kv_log_open(struct kv_log *log, const char *path, unsigned align,
		uint64_t limit)
{
	struct stat st;
	void *batch;

	memset(log, 0, sizeof(*log));
	log->fd = open(path, O_RDWR);
	if (log->fd < 0 && errno == ENOENT)
		log->fd = open(path, O_RDWR | O_CREAT, 0644);
	if (log->fd < 0)
		return -errno;
	if (fstat(log->fd, &st) < 0)
		return -errno;
	/* A plain file grows; a device holds what it holds (Linux tells its size only through
	 * lseek; others may give it in st_size). */
	if (!S_ISREG(st.st_mode)) {
		off_t end = st.st_size > 0 ? st.st_size :
					     lseek(log->fd, 0, SEEK_END);

		if (end < 0)
			return -errno;
		log->capacity = end;
	}
	if (limit && (!log->capacity || limit < log->capacity))
		log->capacity = limit;
	if (posix_memalign(&batch, 4096, BATCH))
		return -ENOMEM;
	log->batch = batch;
	log->batch_cap = BATCH;
	log->align = align ? align : default_align(&st);
	return 0;
}

/* Fill buf with up to len bytes from off; returns how many (fewer at the end), or -errno. */
static ssize_t read_at(struct kv_log *log, unsigned char *buf, size_t len,
		       uint64_t off)
{
	size_t got = 0;

	if (log->capacity)
		len = off >= log->capacity	? 0 :
		      len < log->capacity - off ? len :
						  log->capacity - off;
	while (got < len) {
		ssize_t n = pread(log->fd, buf + got, len - got, off + got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			break;
		got += n;
	}
	return got;
}

struct window {
	unsigned char *buf;
	uint64_t off; /* the log offset of buf[0] */
	size_t len;
	int last; /* the window reaches the end of the log */
};

/* Make sure the window holds a whole record's worth from off, or all that is left. */
static int window_cover(struct kv_log *log, struct window *w, uint64_t off)
{
	ssize_t n;

	if (w->last || off + KV_REC_MAX <= w->off + w->len)
		return 0;
	w->off = off - off % SECTOR;
	n = read_at(log, w->buf, WINDOW, w->off);
	if (n < 0)
		return n;
	w->len = n;
	w->last = w->len < WINDOW;
	return 0;
}

int kv_log_replay(struct kv_log *log,
		  int (*apply)(void *ctx, const struct kv_record *r), void *ctx,
		  struct kv_replay *rep)
{
	struct window w = { 0 };
	uint64_t off = 0;
	void *buf;
	int rc = 0;

	if (posix_memalign(&buf, 4096, WINDOW))
		return -ENOMEM;
	w.buf = buf;
	memset(rep, 0, sizeof(*rep));
	for (;;) {
		struct kv_record r;
		size_t at;

		rc = window_cover(log, &w, off);
		if (rc < 0)
			break;
		at = off - w.off;
		rep->stop = kv_record_decode(
			w.buf + at, at < w.len ? w.len - at : 0, &r, NULL);
		if (rep->stop != KV_REC_OK)
			break;
		if (!kv_record_follows(&r, log->seq, log->crc)) {
			rep->stale = 1;
			break;
		}
		rc = apply(ctx, &r);
		if (rc < 0)
			break;
		log->seq = r.seq;
		log->crc = r.crc;
		rep->records++;
		off += r.len;
	}
	rep->end = log->tail = off;
	free(buf);
	return rc;
}

/* Room a commit may still add after the batch: the PAD record up to the next boundary. */
static size_t pad_reserve(const struct kv_log *log)
{
	return log->align > 1 ? log->align + KV_REC_HEADER : 0;
}

static void add_record(struct kv_log *log, struct kv_record *r)
{
	r->seq = log->seq + 1;
	r->prev = log->seq ? log->crc : 0;
	log->batch_len += kv_record_encode(log->batch + log->batch_len,
					   log->batch_cap - log->batch_len, r);
	log->seq = r->seq;
	log->crc = r->crc;
}

int kv_log_append(struct kv_log *log, enum kv_op op, const void *key,
		  size_t key_len, const void *value, size_t value_len)
{
	struct kv_record r = { .op = op,
			       .key = key,
			       .key_len = key_len,
			       .value = value,
			       .value_len = value_len };
	size_t need = kv_record_size(key_len, value_len) + pad_reserve(log);

	if (need > KV_REC_MAX)
		return -EINVAL;
	if (log->capacity && log->tail + log->batch_len + need > log->capacity)
		return -ENOSPC;
	/* align bytes stay free for commit_head(). */
	if (log->batch_len + need + log->align > log->batch_cap)
		return -EAGAIN;
	add_record(log, &r);
	return 0;
}

/* End the batch with a PAD record, so that it ends on a multiple of align. */
static void pad_batch(struct kv_log *log)
{
	struct kv_record pad = { .op = KV_OP_PAD };
	size_t gap;

	if (log->align <= 1)
		return;
	gap = (log->align - (log->tail + log->batch_len) % log->align) %
	      log->align;
	if (gap == 0)
		return;
	if (gap < KV_REC_HEADER)
		gap += log->align;
	pad.value_len = gap - KV_REC_HEADER;
	add_record(log, &pad);
}

/*
 * Commits start on a multiple of align, except the first after a replay that stopped inside
 * a commit (a torn one): then the batch is put after the bytes of that last sector that are
 * already on the disk, read back, so the write still covers whole sectors (some disks take
 * nothing else) and rewrites them unchanged. Returns how many bytes it put first, or -errno.
 */
static ssize_t commit_head(struct kv_log *log)
{
	size_t head = log->align > 1 ? log->tail % log->align : 0;

	if (!head)
		return 0;
	memmove(log->batch + head, log->batch, log->batch_len);
	if (read_at(log, log->batch, head, log->tail - head) != (ssize_t)head)
		return -EIO;
	return head;
}

int kv_log_commit(struct kv_log *log)
{
	ssize_t head;
	size_t done = 0, len;
	uint64_t at;

	if (!log->batch_len)
		return 0;
	pad_batch(log);
	head = commit_head(log);
	if (head < 0)
		return head;
	len = head + log->batch_len;
	at = log->tail - head;
	while (done < len) {
		ssize_t n = pwrite(log->fd, log->batch + done, len - done,
				   at + done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		done += n;
	}
	if (fsync(log->fd) < 0)
		return -errno;
	log->tail += log->batch_len;
	log->batch_len = 0;
	return 0;
}
