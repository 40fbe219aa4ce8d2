/*
 * The blkfront driver's own state of one vbd, shared by its files:
 * blkfront.c (discovery, xenbus, negotiation, teardown) and
 * blkfront_io.c (the ring, bounce pages, completions).
 */
#ifndef KERNEL_DRIVERS_BLKFRONT_PRIV_H
#define KERNEL_DRIVERS_BLKFRONT_PRIV_H

#include <stdbool.h>
#include <stdint.h>

/* The shared-ring barriers xen/io/ring.h expects (x86: TSO). */
#define xen_mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define xen_rmb() __atomic_thread_fence(__ATOMIC_ACQUIRE)
#define xen_wmb() __atomic_thread_fence(__ATOMIC_RELEASE)

#include <xen/xen.h>
#include <xen/io/blkif.h>
#include "arch/layout.h"
#include "kernel/drivers/blkfront.h"
#include "kernel/drivers/blkfront_rsp.h"
#include "kernel/sched.h"
#include "kernel/suspend.h"
#include "kernel/xenbus.h"

/* We take a multi-page ring of up to 4 pages (128 requests) when the
 * backend offers one. */
#define BLKFRONT_MAX_RING_ORDER 2
#define BLKFRONT_MAX_RING_PAGES (1u << BLKFRONT_MAX_RING_ORDER)
#define BLKFRONT_MAX_RING \
	__CONST_RING_SIZE(blkif, PAGE_SIZE *BLKFRONT_MAX_RING_PAGES)
/* Segments (pages) per request: indirect ones when offered, with one
 * page of segment descriptors; else what fits in the ring slot. */
#define BLKFRONT_MAX_INDIRECT_SEGS 32
#define BLKFRONT_MAX_SEGS BLKFRONT_MAX_INDIRECT_SEGS
/* Bounce pages per disk, allocated as needed: 1 MiB in flight at most. */
#define BLKFRONT_POOL_PAGES 256

_Static_assert(BLKFRONT_MAX_RING <= BLKFRONT_MAX_IDS, "ids for every slot");
_Static_assert(BLKFRONT_MAX_INDIRECT_SEGS *
			       sizeof(struct blkif_request_segment) <=
		       PAGE_SIZE,
	       "one indirect page");

/* A bounce page: data goes through it, since callers' buffers have no
 * alignment. With persistent grants it stays granted while connected. */
struct blkfront_page {
	void *va;
	grant_ref_t gref;
	bool granted;
	struct blkfront_page *next; /* on the free list */
};

/* One request on the ring: a piece of a caller's blkdev_req. */
struct blkfront_shadow {
	struct blkdev_req *req;
	size_t offset, len; /* bytes of req->buf this piece covers */
	uint64_t sector; /* where the piece starts, in 512-byte sectors */
	uint8_t op; /* BLKIF_OP_*, never INDIRECT */
	unsigned int nr_segs;
	struct blkfront_page *segs[BLKFRONT_MAX_SEGS];
	struct blkfront_page *indirect; /* or NULL */
};

enum blkfront_state {
	BLKFRONT_DOWN, /* found, not connected (yet) */
	BLKFRONT_CONNECTING,
	BLKFRONT_UP,
	BLKFRONT_BROKEN, /* the backend misbehaved: all I/O -EIO */
	BLKFRONT_UNPLUGGED, /* taken away (xl block-detach): -EIO until a
			     * disk of the same vdevice is plugged back in */
	BLKFRONT_GONE, /* shut down, or its connect failed */
};

struct blkdev {
	struct xenbus_device *dev; /* NULL once closed */
	domid_t backend_id;
	unsigned long vdevice;
	struct blkdev_info info;
	enum blkfront_state state;

	/* Negotiated. */
	uint8_t flush_op; /* BLKIF_OP_FLUSH_DISKCACHE, _WRITE_BARRIER or 0 */
	bool persistent;
	unsigned int max_segs; /* per request */
	bool indirect;
	unsigned int ring_pages;

	blkif_front_ring_t ring;
	grant_ref_t ring_refs[BLKFRONT_MAX_RING_PAGES];
	unsigned int nr_ring_refs;
	evtchn_port_t port;
	bool have_port;

	struct blkfront_ids ids;
	struct blkfront_shadow shadow[BLKFRONT_MAX_RING];
	struct blkfront_page pages[BLKFRONT_POOL_PAGES];
	unsigned int nr_pages; /* pages[0..nr_pages) have a va */
	struct blkfront_page *free_pages;
	unsigned int nr_free_pages;

	/* Callers' requests not yet wholly on the ring, oldest first;
	 * linked through their private words. */
	struct blkdev_req *queue_head, *queue_tail;

	struct thread *thread;
	struct wait_queue thread_wait; /* the completion thread sleeps here */
	struct wait_queue idle_wait; /* teardown waits for I/O to end */
	bool work, stopping;

	/* Across a save/restore: the ring is left alone while suspended. */
	struct suspend_hook suspend;
	bool suspended;
	/* Hot-plug work for the disk's thread: the backend left, or a disk
	 * of our vdevice was plugged back in. */
	bool unplug, replug;
};

/* blkfront_io.c */
/* A fresh ring's request ids (the ring is set up). */
void blkfront_io_reset(struct blkdev *bd);
/* The backend is gone: end every request in flight or queued, -EIO. */
void blkfront_io_fail_all(struct blkdev *bd);
int blkfront_io_start(struct blkdev *bd);
/* Wait (until the deadline) for queued I/O to finish, stop the thread. */
void blkfront_io_stop(struct blkdev *bd, uint64_t deadline_ns);
/* End every bounce page's grant and free it; what stays mapped is kept
 * (never reused): returns how many pages that is. */
unsigned int blkfront_io_release(struct blkdev *bd, uint64_t deadline_ns);
void blkfront_event(evtchn_port_t port, void *arg);
/* On a new backend's fresh ring: every request the old one did not
 * answer, again, with its id, pages and grants (which survive). */
void blkfront_io_reissue(struct blkdev *bd);

/* blkfront.c */
int blkfront_connect_once(struct blkdev *bd);
/* Hot-unplug and plug, run by the disk's thread. */
void blkfront_hotplug_work(struct blkdev *bd);
/* Retry while the backend still maps the page; false: give up on it. */
bool blkfront_end_grant(grant_ref_t ref, uint64_t deadline_ns);

#endif
