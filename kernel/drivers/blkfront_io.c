/*
 * Blkfront's ring at run time. A caller's request is queued, cut into
 * ring requests of at most max_segs pages (indirect ones when the
 * backend takes them), and its data goes through bounce pages, since
 * callers' buffers have no alignment. With persistent grants the
 * bounce pages stay granted while connected; without, each is granted
 * per request and its grant ended when the answer comes. The disk's
 * thread (woken by the event channel) judges each response once
 * (blkfront_rsp.c), copies read data out, completes callers, and puts
 * more of the queue on the ring. A backend that answers what we never
 * asked breaks the disk: everything in flight and queued ends -EIO.
 */
#include "arch/irq.h"
#include "kernel/drivers/blkfront_priv.h"
#include "kernel/evtchn.h"
#include "kernel/gnttab.h"
#include "kernel/lib/errno.h"
#include "kernel/lib/format.h"
#include "kernel/lib/string.h"
#include "kernel/mm/mm.h"
#include "kernel/printk.h"
#include "kernel/time.h"

#define SECTOR_SHIFT 9

/* A caller's request's private words: the next queued request, bytes
 * put on the ring so far, pieces in flight, and its first error. */
enum { RQ_NEXT, RQ_ISSUED, RQ_INFLIGHT, RQ_STATUS };

static uintptr_t rq_get(const struct blkdev_req *r, int w)
{
	return (uintptr_t)r->priv[w];
}

static void rq_set(struct blkdev_req *r, int w, uintptr_t v)
{
	r->priv[w] = (void *)v;
}

static size_t rq_total(const struct blkdev *bd, const struct blkdev_req *r)
{
	return r->op == BLKDEV_FLUSH ? 0 : r->count * bd->info.sector_size;
}

void blkfront_event(evtchn_port_t port, void *arg)
{
	struct blkdev *bd = arg;

	(void)port;
	bd->work = true;
	wake_up_one(&bd->thread_wait);
}

static bool idle(const struct blkdev *bd)
{
	return !bd->queue_head && !blkfront_ids_busy(&bd->ids);
}

/* ---- bounce pages ---- */

static unsigned int pages_available(const struct blkdev *bd)
{
	return bd->nr_free_pages + (BLKFRONT_POOL_PAGES - bd->nr_pages);
}

static struct blkfront_page *page_get(struct blkdev *bd)
{
	struct blkfront_page *p = bd->free_pages;

	if (p) {
		bd->free_pages = p->next;
		bd->nr_free_pages--;
		return p;
	}
	if (bd->nr_pages == BLKFRONT_POOL_PAGES)
		return NULL;
	p = &bd->pages[bd->nr_pages];
	p->va = alloc_pages(1);
	if (!p->va)
		return NULL;
	p->granted = false;
	bd->nr_pages++;
	return p;
}

/* Persistent grants are writable: the backend maps them once for all
 * the reads and writes to come. */
static int page_grant(struct blkdev *bd, struct blkfront_page *p, bool readonly)
{
	int rc;

	if (p->granted)
		return 0;
	rc = gnttab_grant_access(bd->backend_id, p->va,
				 readonly && !bd->persistent);
	if (rc < 0)
		return rc;
	p->gref = (grant_ref_t)rc;
	p->granted = true;
	return 0;
}

/* Back on the free list, its per-request grant ended; a page the
 * backend still maps is never reused (teardown tries it once more). */
static void page_put(struct blkdev *bd, struct blkfront_page *p)
{
	if (p->granted && !bd->persistent) {
		if (gnttab_end_access(p->gref) < 0)
			return;
		p->granted = false;
	}
	p->next = bd->free_pages;
	bd->free_pages = p;
	bd->nr_free_pages++;
}

unsigned int blkfront_io_release(struct blkdev *bd, uint64_t deadline_ns)
{
	unsigned int kept = 0;

	for (unsigned int i = 0; i < bd->nr_pages; i++) {
		struct blkfront_page *p = &bd->pages[i];

		if (p->granted && !blkfront_end_grant(p->gref, deadline_ns)) {
			kept++;
			continue;
		}
		free_pages(p->va, 1);
		p->va = NULL;
		p->granted = false;
	}
	bd->nr_pages = 0;
	bd->free_pages = NULL;
	bd->nr_free_pages = 0;
	return kept;
}

/* ---- completing ---- */

static void dequeue(struct blkdev *bd)
{
	struct blkdev_req *r = bd->queue_head;

	bd->queue_head = (struct blkdev_req *)rq_get(r, RQ_NEXT);
	if (!bd->queue_head)
		bd->queue_tail = NULL;
}

/* A request is done when all of it went out and came back. */
static void maybe_complete(struct blkdev *bd, struct blkdev_req *r)
{
	if (rq_get(r, RQ_INFLIGHT) || rq_get(r, RQ_ISSUED) != rq_total(bd, r))
		return;
	r->done(r, (int)(intptr_t)rq_get(r, RQ_STATUS));
}

static void note_error(struct blkdev_req *r, int err)
{
	if (err && !rq_get(r, RQ_STATUS))
		rq_set(r, RQ_STATUS, (uintptr_t)(intptr_t)err);
}

/* The queue's head can never go out: end it with err. */
static void fail_head(struct blkdev *bd, int err)
{
	struct blkdev_req *r = bd->queue_head;

	dequeue(bd);
	note_error(r, err);
	rq_set(r, RQ_ISSUED, rq_total(bd, r));
	maybe_complete(bd, r);
}

static void copy_out(struct blkfront_shadow *sh)
{
	char *dst = (char *)sh->req->buf + sh->offset;
	size_t left = sh->len;

	for (unsigned int i = 0; i < sh->nr_segs; i++) {
		size_t n = left < PAGE_SIZE ? left : PAGE_SIZE;

		memcpy(dst, sh->segs[i]->va, n);
		dst += n;
		left -= n;
	}
}

/* A flush the backend refuses after all: writes are as durable as it
 * makes them, and it will not be asked again. */
static int flush_refused(struct blkdev *bd)
{
	printk("petrel: blkfront: %s: backend refused %s, not asking again\n",
	       bd->info.name,
	       bd->flush_op == BLKIF_OP_WRITE_BARRIER ? "barrier" : "flush");
	bd->flush_op = 0;
	bd->info.can_flush = false;
	return -EIO;
}

static void finish(struct blkdev *bd, struct blkfront_shadow *sh, int err)
{
	struct blkdev_req *r = sh->req;

	if (err == -EOPNOTSUPP)
		err = (sh->op == BLKIF_OP_FLUSH_DISKCACHE ||
		       sh->op == BLKIF_OP_WRITE_BARRIER) ?
			      flush_refused(bd) :
			      -EIO;
	if (!err && sh->op == BLKIF_OP_READ)
		copy_out(sh);
	for (unsigned int i = 0; i < sh->nr_segs; i++)
		page_put(bd, sh->segs[i]);
	if (sh->indirect)
		page_put(bd, sh->indirect);
	sh->req = NULL;
	note_error(r, err);
	rq_set(r, RQ_INFLIGHT, rq_get(r, RQ_INFLIGHT) - 1);
	maybe_complete(bd, r);
}

/* The backend broke the protocol or left: end everything with -EIO. */
void blkfront_io_fail_all(struct blkdev *bd)
{
	int err;

	for (unsigned int id = 0; id < bd->ids.size; id++) {
		struct blkfront_shadow *sh = &bd->shadow[id];

		if (bd->ids.op[id] == BLKFRONT_ID_FREE)
			continue;
		blkfront_rsp_check(&bd->ids, id, sh->op, BLKIF_RSP_ERROR, &err);
		finish(bd, sh, -EIO);
	}
	while (bd->queue_head)
		fail_head(bd, -EIO);
}

static void broken(struct blkdev *bd, const char *why)
{
	printk("petrel: blkfront: %s: %s, disk stopped\n", bd->info.name, why);
	bd->state = BLKFRONT_BROKEN;
}

/* Each response is copied out of the shared ring once and judged
 * before anything uses it. */
static void take_responses(struct blkdev *bd)
{
	int more;

	do {
		RING_IDX prod = __atomic_load_n(&bd->ring.sring->rsp_prod,
						__ATOMIC_ACQUIRE);
		RING_IDX cons = bd->ring.rsp_cons;

		if (prod - cons > bd->ring.req_prod_pvt - cons) {
			broken(bd, "more responses than requests");
			return;
		}
		for (; cons != prod; cons++) {
			blkif_response_t rsp;
			enum blkfront_verdict v;
			int err;

			memcpy(&rsp, RING_GET_RESPONSE(&bd->ring, cons),
			       sizeof(rsp));
			bd->ring.rsp_cons = cons + 1;
			v = blkfront_rsp_check(&bd->ids, rsp.id, rsp.operation,
					       rsp.status, &err);
			if (v != BLKFRONT_RSP_DONE) {
				broken(bd, v == BLKFRONT_RSP_BAD_ID ?
						   "response to no request" :
						   "response of the wrong "
						   "operation");
				return;
			}
			finish(bd, &bd->shadow[rsp.id], err);
		}
		RING_FINAL_CHECK_FOR_RESPONSES(&bd->ring, more);
	} while (more);
}

/* ---- issuing ---- */

/* Bounce pages for a piece, granted (and filled, for a write). */
static int fill_pages(struct blkdev *bd, struct blkfront_shadow *sh)
{
	const char *src = (const char *)sh->req->buf + sh->offset;
	bool write = sh->op == BLKIF_OP_WRITE;
	unsigned int segs = sh->nr_segs;
	size_t left = sh->len;

	/* nr_segs counts the pages held, for unissue if one fails. */
	sh->nr_segs = 0;
	for (unsigned int i = 0; i < segs; i++) {
		struct blkfront_page *p = page_get(bd);
		size_t n = left < PAGE_SIZE ? left : PAGE_SIZE;
		int rc;

		if (!p)
			return -ENOMEM;
		sh->segs[i] = p;
		sh->nr_segs = i + 1;
		rc = page_grant(bd, p, write);
		if (rc < 0)
			return rc;
		if (write)
			memcpy(p->va, src + (size_t)i * PAGE_SIZE, n);
		left -= n;
	}
	return 0;
}

static void put_segments(const struct blkfront_shadow *sh,
			 struct blkif_request_segment *seg)
{
	size_t left = sh->len;

	for (unsigned int i = 0; i < sh->nr_segs; i++) {
		size_t n = left < PAGE_SIZE ? left : PAGE_SIZE;

		seg[i] = (struct blkif_request_segment){
			.gref = sh->segs[i]->gref,
			.first_sect = 0,
			.last_sect = (uint8_t)((n >> SECTOR_SHIFT) - 1),
		};
		left -= n;
	}
}

/* The ring slot for a piece whose pages (and indirect page) are ready:
 * written at first issue, and again on a new backend after a resume. */
static void write_request(struct blkdev *bd, const struct blkfront_shadow *sh,
			  int id)
{
	void *slot = RING_GET_REQUEST(&bd->ring, bd->ring.req_prod_pvt++);

	if (!sh->indirect) {
		blkif_request_t *req = slot;

		req->operation = sh->op;
		req->nr_segments = (uint8_t)sh->nr_segs;
		req->handle = (blkif_vdev_t)bd->vdevice;
		req->id = (uint64_t)id;
		req->sector_number = sh->sector;
		put_segments(sh, req->seg);
	} else {
		blkif_request_indirect_t *req = slot;

		req->operation = BLKIF_OP_INDIRECT;
		req->indirect_op = sh->op;
		req->nr_segments = (uint16_t)sh->nr_segs;
		req->id = (uint64_t)id;
		req->sector_number = sh->sector;
		req->handle = (blkif_vdev_t)bd->vdevice;
		req->indirect_grefs[0] = sh->indirect->gref;
	}
}

static int put_request(struct blkdev *bd, struct blkfront_shadow *sh, int id,
		       uint64_t sector)
{
	int rc;

	sh->sector = sector;
	if (sh->nr_segs > BLKIF_MAX_SEGMENTS_PER_REQUEST) {
		sh->indirect = page_get(bd);
		if (!sh->indirect)
			return -ENOMEM;
		rc = page_grant(bd, sh->indirect, true);
		if (rc < 0)
			return rc;
		put_segments(sh, sh->indirect->va);
	}
	write_request(bd, sh, id);
	return 0;
}

static void issue_flush(struct blkdev *bd, struct blkdev_req *r, int id)
{
	struct blkfront_shadow *sh = &bd->shadow[id];

	*sh = (struct blkfront_shadow){ .req = r, .op = bd->flush_op };
	write_request(bd, sh, id);
}

/* Undo a piece that could not go out: its pages and its id. */
static void unissue(struct blkdev *bd, struct blkfront_shadow *sh, int id)
{
	int err;

	for (unsigned int i = 0; i < sh->nr_segs; i++)
		page_put(bd, sh->segs[i]);
	if (sh->indirect)
		page_put(bd, sh->indirect);
	blkfront_rsp_check(&bd->ids, (uint64_t)id, sh->op, 0, &err);
	sh->req = NULL;
}

/* The next piece of a read or write: 1 when it went on the ring, 0
 * when it must wait for room, or a negative errno. */
static int issue_rw(struct blkdev *bd, struct blkdev_req *r)
{
	size_t issued = rq_get(r, RQ_ISSUED), left = rq_total(bd, r) - issued;
	size_t len = left < bd->max_segs * PAGE_SIZE ? left :
						       bd->max_segs * PAGE_SIZE;
	unsigned int segs = (unsigned int)((len + PAGE_SIZE - 1) / PAGE_SIZE);
	uint8_t op = r->op == BLKDEV_READ ? BLKIF_OP_READ : BLKIF_OP_WRITE;
	uint64_t sector = ((r->sector * bd->info.sector_size) + issued) >>
			  SECTOR_SHIFT;
	struct blkfront_shadow *sh;
	int id, rc;

	if (pages_available(bd) < segs + 1)
		return 0;
	id = blkfront_ids_get(&bd->ids, op);
	if (id < 0)
		return 0;
	sh = &bd->shadow[id];
	*sh = (struct blkfront_shadow){
		.req = r,
		.offset = issued,
		.len = len,
		.op = op,
		.nr_segs = segs,
	};
	rc = fill_pages(bd, sh);
	if (!rc)
		rc = put_request(bd, sh, id, sector);
	if (rc < 0) {
		unissue(bd, sh, id);
		return rc;
	}
	rq_set(r, RQ_ISSUED, issued + len);
	rq_set(r, RQ_INFLIGHT, rq_get(r, RQ_INFLIGHT) + 1);
	return 1;
}

static void push(struct blkdev *bd)
{
	int must_notify;

	RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&bd->ring, must_notify);
	if (must_notify && bd->have_port)
		evtchn_send(bd->port);
}

/* Put as much of the queue on the ring as it and the bounce pages take. */
static void fill_ring(struct blkdev *bd)
{
	bool pushed = false;
	int rc;

	while (bd->queue_head && bd->state == BLKFRONT_UP && !bd->suspended &&
	       !RING_FULL(&bd->ring)) {
		struct blkdev_req *r = bd->queue_head;

		if (r->op == BLKDEV_FLUSH) {
			int id = blkfront_ids_get(&bd->ids, bd->flush_op);

			if (id < 0)
				break;
			issue_flush(bd, r, id);
			rq_set(r, RQ_INFLIGHT, 1);
			dequeue(bd);
			pushed = true;
			continue;
		}
		rc = issue_rw(bd, r);
		if (rc == 0)
			break;
		if (rc < 0) {
			/* Out of memory with nothing in flight to wait for. */
			if (blkfront_ids_busy(&bd->ids))
				break;
			fail_head(bd, rc);
			continue;
		}
		pushed = true;
		if (rq_get(r, RQ_ISSUED) == rq_total(bd, r))
			dequeue(bd);
	}
	if (pushed)
		push(bd);
}

void blkfront_io_reissue(struct blkdev *bd)
{
	for (unsigned int id = 0; id < bd->ids.size; id++)
		if (bd->ids.op[id] != BLKFRONT_ID_FREE)
			write_request(bd, &bd->shadow[id], (int)id);
	push(bd);
}

/* ---- the disk's thread ---- */

static void *disk_thread(void *arg)
{
	struct blkdev *bd = arg;

	for (;;) {
		unsigned long flags = arch_irq_save();

		while (!bd->work && !bd->stopping)
			wait_queue_sleep(&bd->thread_wait, 0);
		bd->work = false;
		arch_irq_restore(flags);
		if (!bd->stopping)
			blkfront_hotplug_work(bd);
		if (bd->state == BLKFRONT_UP && !bd->suspended)
			take_responses(bd);
		if (bd->state == BLKFRONT_BROKEN)
			blkfront_io_fail_all(bd);
		fill_ring(bd);
		if (idle(bd))
			wake_up_all(&bd->idle_wait);
		if (bd->stopping)
			return NULL;
	}
}

void blkfront_io_reset(struct blkdev *bd)
{
	blkfront_ids_init(&bd->ids, RING_SIZE(&bd->ring));
}

int blkfront_io_start(struct blkdev *bd)
{
	char name[THREAD_NAME_MAX];

	ksnprintf(name, sizeof(name), "blkfront/%s", bd->info.name);
	return thread_create(&bd->thread, name, disk_thread, bd);
}

void blkfront_io_stop(struct blkdev *bd, uint64_t deadline_ns)
{
	unsigned long flags = arch_irq_save();

	while (!idle(bd) && bd->state == BLKFRONT_UP &&
	       wait_queue_sleep(&bd->idle_wait, deadline_ns))
		;
	arch_irq_restore(flags);
	if (!idle(bd)) {
		broken(bd, "I/O still in flight at shutdown");
		blkfront_io_fail_all(bd);
	}
	if (bd->state == BLKFRONT_UP)
		bd->state = BLKFRONT_GONE;
	if (!bd->thread)
		return;
	bd->stopping = true;
	wake_up_one(&bd->thread_wait);
	thread_join(bd->thread, NULL);
	bd->thread = NULL;
}

/* ---- the block API ---- */

static int check_request(struct blkdev *bd, const struct blkdev_req *r)
{
	if (!r || !r->done)
		return -EINVAL;
	if (r->op == BLKDEV_FLUSH)
		return 0;
	if ((r->op != BLKDEV_READ && r->op != BLKDEV_WRITE) || !r->buf)
		return -EINVAL;
	if (r->sector > bd->info.sectors ||
	    r->count > bd->info.sectors - r->sector)
		return -EINVAL;
	if (r->op == BLKDEV_WRITE && bd->info.read_only)
		return -EROFS;
	return 0;
}

int blkdev_submit(struct blkdev *dev, struct blkdev_req *req)
{
	int rc;

	if (!dev)
		return -ENODEV;
	rc = blkfront_connect_once(dev);
	if (rc < 0)
		return rc;
	rc = check_request(dev, req);
	if (rc < 0)
		return rc;
	if (dev->state != BLKFRONT_UP)
		return -EIO;
	for (int w = 0; w < 4; w++)
		req->priv[w] = NULL;
	/* Nothing to do: no sectors, or no cache to flush. */
	if (req->op == BLKDEV_FLUSH ? !dev->flush_op : !req->count) {
		req->done(req, 0);
		return 0;
	}
	if (dev->queue_tail)
		rq_set(dev->queue_tail, RQ_NEXT, (uintptr_t)req);
	else
		dev->queue_head = req;
	dev->queue_tail = req;
	fill_ring(dev);
	return 0;
}

struct sync_wait {
	struct wait_queue wq;
	bool done;
	int status;
};

static void sync_done(struct blkdev_req *req, int status)
{
	struct sync_wait *w = req->arg;

	w->status = status;
	w->done = true;
	wake_up_all(&w->wq);
}

static int submit_sync(struct blkdev *dev, enum blkdev_op op, uint64_t sector,
		       void *buf, size_t count)
{
	struct sync_wait w = { .done = false };
	struct blkdev_req req = {
		.op = op,
		.sector = sector,
		.buf = buf,
		.count = count,
		.done = sync_done,
		.arg = &w,
	};
	unsigned long flags;
	int rc;

	wait_queue_init(&w.wq);
	rc = blkdev_submit(dev, &req);
	if (rc < 0)
		return rc;
	flags = arch_irq_save();
	while (!w.done)
		wait_queue_sleep(&w.wq, 0);
	arch_irq_restore(flags);
	return w.status;
}

int blkdev_read_sync(struct blkdev *dev, uint64_t sector, void *buf,
		     size_t count)
{
	return submit_sync(dev, BLKDEV_READ, sector, buf, count);
}

int blkdev_write_sync(struct blkdev *dev, uint64_t sector, const void *buf,
		      size_t count)
{
	/* The driver only reads buf for a write. */
	return submit_sync(dev, BLKDEV_WRITE, sector, (void *)buf, count);
}

int blkdev_flush_sync(struct blkdev *dev)
{
	return submit_sync(dev, BLKDEV_FLUSH, 0, NULL, 0);
}
