/*
 * Xenstore client over the shared ring. The ring and every message on
 * it come from xenstored, which we do not trust: the streaming wire
 * reader bounds-checks each header and payload, replies must carry the
 * req_id of the request in flight, and watch events must name a token
 * we registered. Anything else is dropped.
 */
#include <stdbool.h>
#include "arch/irq.h"
#include "kernel/evtchn.h"
#include "kernel/lib/errno.h"
#include "kernel/lib/format.h"
#include "kernel/lib/string.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/sync.h"
#include "kernel/time.h"
#include "kernel/xenstore.h"
#include "kernel/xenstore_wire.h"

#define XS_TRANSACTION_RETRIES 64
#define XS_KICK_NS NSEC_PER_SEC
#define XS_KICKS_REPORTED 10

static struct xenstore_domain_interface *xs_intf;
static evtchn_port_t xs_port;
static struct xs_wire_reader xs_reader;
static bool xs_broken;

/* The request in flight, filled in by the upcall. */
static struct mutex xs_request_lock;
static struct wait_queue xs_reply_wait;
static uint32_t xs_req_id, xs_next_req_id = 1;
static bool xs_reply_ready;
static struct xsd_sockmsg xs_reply_hdr;
static int xs_reply_len;
static char xs_reply[XENSTORE_PAYLOAD_MAX + 1];
static char xs_incoming[XENSTORE_PAYLOAD_MAX + 1];

static struct list_head xs_watches;
static struct wait_queue xs_watch_wait, xs_watch_done;
static struct xenstore_watch *xs_watch_running;
static struct thread *xs_watch_thread;
static unsigned long xs_watch_counter;
/* Counts moves to a new domain, whose xenstored knows no transaction. */
static unsigned long xs_generation;

static void xs_deliver_watch(char *payload, int len)
{
	const char *path, *token;
	struct list_head *pos;

	if (xs_wire_split_watch_event(payload, (size_t)len, &path, &token) < 0)
		return;
	list_for_each(pos, &xs_watches) {
		struct xenstore_watch *w =
			container_of(pos, struct xenstore_watch, link);
		size_t n;

		if (strcmp(w->token, token))
			continue;
		n = strnlen(path, sizeof(w->changed) - 1);
		memcpy(w->changed, path, n);
		w->changed[n] = '\0';
		w->pending++;
		wake_up_one(&xs_watch_wait);
		return;
	}
}

static void xs_deliver_reply(const struct xsd_sockmsg *hdr, int len)
{
	if (!xs_req_id || hdr->req_id != xs_req_id || xs_reply_ready)
		return; /* stray or duplicate reply */
	xs_reply_hdr = *hdr;
	xs_reply_len = len;
	memcpy(xs_reply, xs_incoming, (size_t)len + 1);
	xs_reply_ready = true;
	wake_up_all(&xs_reply_wait);
}

/* Upcall: drain complete messages from the response ring. */
static void xs_event(evtchn_port_t port, void *arg)
{
	struct xsd_sockmsg hdr;
	int len;

	(void)port;
	(void)arg;
	while (!xs_broken) {
		len = xs_wire_reader_poll(xs_intf, &xs_reader, &hdr,
					  xs_incoming, sizeof(xs_incoming));
		if (len == -EAGAIN)
			break;
		evtchn_send(xs_port); /* we freed ring space */
		if (len == -EIO) {
			xs_broken = true;
			wake_up_all(&xs_reply_wait);
			break;
		}
		if (len < 0)
			continue; /* oversized for us: dropped whole */
		if (hdr.type == XS_WATCH_EVENT)
			xs_deliver_watch(xs_incoming, len);
		else
			xs_deliver_reply(&hdr, len);
	}
}

static int xs_send(uint32_t type, uint32_t tx, const char *const *parts,
		   int nparts, bool nul_last)
{
	for (;;) {
		int rc = xs_wire_put_request(xs_intf, type, xs_req_id, tx,
					     parts, nparts, nul_last);

		if (rc != -EAGAIN) {
			if (!rc)
				evtchn_send(xs_port);
			return rc;
		}
		/* Ring full: xenstored will catch up; let it run. */
		thread_sleep_ns(NSEC_PER_MSEC);
	}
}

/*
 * Events masked. xenstored answers in milliseconds; one that has said
 * nothing for a second is told again that a request waits, in case a
 * notification went missing (around a save and restore, the ring
 * changes hands), and a long wait is reported once, for diagnosis.
 */
static void wait_reply(void)
{
	unsigned int kicks = 0;

	while (!xs_reply_ready && !xs_broken) {
		if (wait_queue_sleep(&xs_reply_wait,
				     monotonic_ns() + XS_KICK_NS))
			continue;
		evtchn_send(xs_port);
		if (++kicks == XS_KICKS_REPORTED)
			printk("petrel: xenstore: no reply for %u s to request "
			       "%u, still waiting\n",
			       kicks, xs_req_id);
	}
}

/* Copy the reply out while the request lock still protects it. */
static int xs_copy_reply(char *out, size_t size)
{
	if (!out)
		return xs_reply_len;
	if ((size_t)xs_reply_len >= size)
		return -ERANGE;
	memcpy(out, xs_reply, (size_t)xs_reply_len + 1);
	return xs_reply_len;
}

/*
 * One request/reply exchange. The reply payload (NUL-terminated) goes
 * to out when given; returns its length.
 */
static int xs_exchange(uint32_t type, uint32_t tx, const char *const *parts,
		       int nparts, bool nul_last, char *out, size_t size)
{
	unsigned long flags;
	int rc;

	xs_req_id = xs_next_req_id++;
	if (!xs_req_id)
		xs_req_id = xs_next_req_id++;
	xs_reply_ready = false;
	rc = xs_send(type, tx, parts, nparts, nul_last);
	flags = arch_irq_save();
	if (!rc)
		wait_reply();
	arch_irq_restore(flags);
	if (!rc && !xs_reply_ready)
		rc = -EIO;
	if (!rc && xs_reply_hdr.type == XS_ERROR)
		rc = xs_wire_error_to_errno(xs_reply, (size_t)xs_reply_len);
	else if (!rc && xs_reply_hdr.type != type)
		rc = -EPROTO;
	else if (!rc)
		rc = xs_copy_reply(out, size);
	xs_req_id = 0;
	return rc;
}

static int xs_talk(uint32_t type, uint32_t tx, const char *const *parts,
		   int nparts, bool nul_last, char *out, size_t size)
{
	int rc;

	if (!xs_intf)
		return -ENOTCONN;
	mutex_lock(&xs_request_lock);
	rc = xs_exchange(type, tx, parts, nparts, nul_last, out, size);
	mutex_unlock(&xs_request_lock);
	return rc;
}

int xenstore_read_tx(uint32_t tx, const char *path, char *buf, size_t size)
{
	const char *parts[] = { path };

	return xs_talk(XS_READ, tx, parts, 1, true, buf, size);
}

int xenstore_write_tx(uint32_t tx, const char *path, const char *value)
{
	const char *parts[] = { path, value };
	int rc = xs_talk(XS_WRITE, tx, parts, 2, false, NULL, 0);

	return rc < 0 ? rc : 0;
}

static int xs_path_op(uint32_t type, uint32_t tx, const char *path)
{
	const char *parts[] = { path };
	int rc = xs_talk(type, tx, parts, 1, true, NULL, 0);

	return rc < 0 ? rc : 0;
}

int xenstore_mkdir(uint32_t tx, const char *path)
{
	return xs_path_op(XS_MKDIR, tx, path);
}

int xenstore_rm(uint32_t tx, const char *path)
{
	return xs_path_op(XS_RM, tx, path);
}

int xenstore_directory(uint32_t tx, const char *path, char *buf, size_t size)
{
	const char *parts[] = { path };

	return xs_talk(XS_DIRECTORY, tx, parts, 1, true, buf, size);
}

int xenstore_read(const char *path, char *buf, size_t size)
{
	return xenstore_read_tx(XS_TX_NONE, path, buf, size);
}

int xenstore_write(const char *path, const char *value)
{
	return xenstore_write_tx(XS_TX_NONE, path, value);
}

/* Backends write these: accept only plain decimal digits, in range. */
static int parse_ulong(const char *s, unsigned long max, unsigned long *out)
{
	unsigned long v = 0;

	if (!*s)
		return -EINVAL;
	for (; *s; s++) {
		unsigned long digit = (unsigned long)(*s - '0');

		if (*s < '0' || *s > '9' || v > (max - digit) / 10)
			return -EINVAL;
		v = v * 10 + digit;
	}
	*out = v;
	return 0;
}

int xenstore_read_ulong(uint32_t tx, const char *path, unsigned long max,
			unsigned long *out)
{
	char buf[24];
	int rc = xenstore_read_tx(tx, path, buf, sizeof(buf));

	if (rc < 0)
		return rc == -ERANGE ? -EINVAL : rc;
	return parse_ulong(buf, max, out);
}

int xenstore_transaction_start(uint32_t *tx)
{
	const char *parts[] = { "" };
	char buf[24];
	unsigned long id;
	int rc = xs_talk(XS_TRANSACTION_START, XS_TX_NONE, parts, 1, true, buf,
			 sizeof(buf));

	if (rc < 0)
		return rc;
	rc = parse_ulong(buf, UINT32_MAX, &id);
	if (rc < 0 || !id)
		return -EPROTO;
	*tx = (uint32_t)id;
	return 0;
}

int xenstore_transaction_end(uint32_t tx, int commit)
{
	const char *parts[] = { commit ? "T" : "F" };
	int rc = xs_talk(XS_TRANSACTION_END, tx, parts, 1, true, NULL, 0);

	return rc < 0 ? rc : 0;
}

int xenstore_transact(int (*body)(uint32_t tx, void *arg), void *arg)
{
	for (int attempt = 0; attempt < XS_TRANSACTION_RETRIES; attempt++) {
		unsigned long generation = xs_generation;
		uint32_t tx;
		int rc = xenstore_transaction_start(&tx);

		if (rc < 0)
			return rc;
		rc = body(tx, arg);
		if (rc < 0)
			xenstore_transaction_end(tx, 0);
		else
			rc = xenstore_transaction_end(tx, 1);
		/* Moved to a new domain meanwhile: the transaction was the old
		 * xenstored's, whatever the replies said. Do it again. */
		if (generation != xs_generation)
			continue;
		if (rc != -EAGAIN)
			return rc;
	}
	return -EAGAIN;
}

int xenstore_watch_add(struct xenstore_watch *w)
{
	const char *parts[] = { w->path, w->token };
	unsigned long flags;
	int rc;

	ksnprintf(w->token, sizeof(w->token), "petrel-%lu", ++xs_watch_counter);
	w->pending = 0;
	flags = arch_irq_save();
	list_add_tail(&w->link, &xs_watches);
	arch_irq_restore(flags);
	rc = xs_talk(XS_WATCH, XS_TX_NONE, parts, 2, true, NULL, 0);
	if (rc < 0) {
		flags = arch_irq_save();
		list_del(&w->link);
		arch_irq_restore(flags);
	}
	return rc < 0 ? rc : 0;
}

int xenstore_watch_remove(struct xenstore_watch *w)
{
	const char *parts[] = { w->path, w->token };
	int rc = xs_talk(XS_UNWATCH, XS_TX_NONE, parts, 2, true, NULL, 0);
	unsigned long flags = arch_irq_save();

	list_del(&w->link);
	w->pending = 0;
	/* The caller may free w: wait out a callback still using it,
	 * unless we are that callback. */
	while (xs_watch_running == w && thread_self() != xs_watch_thread)
		wait_queue_sleep(&xs_watch_done, 0);
	arch_irq_restore(flags);
	return rc < 0 ? rc : 0;
}

/* Take one pending watch, with its changed path copied out. */
static struct xenstore_watch *next_fired(char *path, size_t size)
{
	struct list_head *pos;

	list_for_each(pos, &xs_watches) {
		struct xenstore_watch *w =
			container_of(pos, struct xenstore_watch, link);

		if (w->pending) {
			w->pending = 0;
			memcpy(path, w->changed, size);
			return w;
		}
	}
	return NULL;
}

/* Callbacks run here, in thread context, so they may talk to xenstore. */
static void *xenwatch_main(void *unused)
{
	static char path[XS_WATCH_PATH_MAX];

	(void)unused;
	for (;;) {
		unsigned long flags = arch_irq_save();
		struct xenstore_watch *w;

		while (!(w = next_fired(path, sizeof(path))))
			wait_queue_sleep(&xs_watch_wait, 0);
		xs_watch_running = w;
		arch_irq_restore(flags);

		w->fn(w, path);

		flags = arch_irq_save();
		xs_watch_running = NULL;
		wake_up_all(&xs_watch_done);
		arch_irq_restore(flags);
	}
	return NULL;
}

void xenstore_suspend(void)
{
	mutex_lock(&xs_request_lock);
}

int xenstore_resume(struct xenstore_domain_interface *intf, evtchn_port_t port)
{
	int rc;

	xs_intf = intf;
	xs_port = port;
	/* What xenstored wrote for the old domain ends with it, maybe in
	 * mid-message: start reading at what the new one writes. */
	xs_wire_reader_init(&xs_reader);
	intf->rsp_cons = intf->rsp_prod;
	xs_broken = false;
	xs_generation++;
	rc = evtchn_bind(port, xs_event, NULL);
	if (!rc)
		evtchn_send(port); /* whatever waits on the ring, look */
	return rc;
}

/* The new domain's xenstored knows none of our watches. */
static void rewatch_all(void)
{
	struct list_head *pos;

	list_for_each(pos, &xs_watches) {
		struct xenstore_watch *w =
			container_of(pos, struct xenstore_watch, link);
		const char *parts[] = { w->path, w->token };
		int rc = xs_exchange(XS_WATCH, XS_TX_NONE, parts, 2, true, NULL,
				     0);

		if (rc < 0)
			printk("petrel: xenstore: cannot watch %s again "
			       "(%d)\n",
			       w->path, rc);
	}
}

void xenstore_suspend_done(bool new_domain)
{
	if (new_domain)
		rewatch_all();
	mutex_unlock(&xs_request_lock);
}

int xenstore_init(struct xenstore_domain_interface *intf, evtchn_port_t port)
{
	int rc;

	mutex_init(&xs_request_lock);
	wait_queue_init(&xs_reply_wait);
	wait_queue_init(&xs_watch_wait);
	wait_queue_init(&xs_watch_done);
	list_init(&xs_watches);
	xs_wire_reader_init(&xs_reader);
	xs_intf = intf;
	xs_port = port;
	rc = evtchn_bind(port, xs_event, NULL);
	if (rc < 0)
		return rc;
	return thread_create(&xs_watch_thread, "xenwatch", xenwatch_main, NULL);
}
