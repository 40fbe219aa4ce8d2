/*
 * Blkfront: finding the domain's vbds, connecting one on first use
 * (negotiating a multi-page ring, persistent grants, indirect segments
 * and flush or barrier with what the backend offers), and tearing it
 * down so that no page is freed while its grant may still be mapped.
 * The ring itself runs in blkfront_io.c.
 */
#include <xen/io/protocols.h>
#include "kernel/drivers/blkfront_priv.h"
#include "kernel/evtchn.h"
#include "kernel/gnttab.h"
#include "kernel/lib/errno.h"
#include "kernel/lib/format.h"
#include "kernel/lib/string.h"
#include "kernel/mm/mm.h"
#include "kernel/printk.h"
#include "kernel/time.h"
#include "kernel/xenstore.h"

#define BLKFRONT_MAX_DISKS 16
#define BD_PAGES ((sizeof(struct blkdev) + PAGE_SIZE - 1) / PAGE_SIZE)
#define CONNECT_TIMEOUT_NS (20000 * NSEC_PER_MSEC)
#define CLOSE_TIMEOUT_NS (10000 * NSEC_PER_MSEC)
/* xen/io/blkif.h's virtual-device numbers: xvd disks, and the
 * extended form for disks past the 16th. */
#define XVD_MAJOR 202
#define VDEV_EXTENDED (1ul << 28)

/* The vbds found, in virtual-device order. */
static struct blkdev *disks[BLKFRONT_MAX_DISKS];
static unsigned int nr_disks;
static enum { INIT_NONE, INIT_RUNNING, INIT_DONE } init_state;

static int parse_vdevice(const char *nodename, unsigned long *out)
{
	const char *p = nodename + strlen("device/vbd/");
	unsigned long v = 0;

	if (!*p)
		return -EINVAL;
	for (; *p; p++) {
		if (*p < '0' || *p > '9' || v > (1ul << 32))
			return -EINVAL;
		v = v * 10 + (unsigned long)(*p - '0');
	}
	*out = v;
	return 0;
}

/* "xvda".."xvdz", "xvdaa".. as Linux names them; other majors "vbdN". */
static void name_disk(struct blkdev *bd)
{
	char *name = bd->info.name;
	unsigned long v = bd->vdevice, disk;
	char letters[4];
	int n = 0;

	if (v & VDEV_EXTENDED)
		disk = (v & ~VDEV_EXTENDED) >> 8;
	else if (v >> 8 == XVD_MAJOR)
		disk = (v & 0xff) >> 4;
	else {
		ksnprintf(name, sizeof(bd->info.name), "vbd%lu", v);
		return;
	}
	if (disk >= 26 * 27) {
		ksnprintf(name, sizeof(bd->info.name), "vbd%lu", v);
		return;
	}
	if (disk >= 26) {
		letters[n++] = (char)('a' + disk / 26 - 1);
		disk %= 26;
	}
	letters[n++] = (char)('a' + disk);
	letters[n] = 0;
	ksnprintf(name, sizeof(bd->info.name), "xvd%s", letters);
}

static void add_sorted(struct blkdev *bd)
{
	unsigned int i = nr_disks++;

	for (; i > 0 && disks[i - 1]->vdevice > bd->vdevice; i--)
		disks[i] = disks[i - 1];
	disks[i] = bd;
}

static struct blkdev *find_disk(unsigned long vdevice)
{
	for (unsigned int i = 0; i < nr_disks; i++)
		if (disks[i]->vdevice == vdevice)
			return disks[i];
	return NULL;
}

static struct blkdev *new_disk(unsigned long vdevice)
{
	struct blkdev *bd;

	if (nr_disks == BLKFRONT_MAX_DISKS)
		return NULL;
	bd = alloc_pages(BD_PAGES);
	if (!bd)
		return NULL;
	memset(bd, 0, sizeof(*bd));
	bd->vdevice = vdevice;
	name_disk(bd);
	wait_queue_init(&bd->thread_wait);
	wait_queue_init(&bd->idle_wait);
	add_sorted(bd);
	return bd;
}

/*
 * A vbd found at boot, or plugged in later. One plugged back in under
 * the vdevice of a disk that was unplugged takes its place, and the
 * disk's thread connects it once the backend shows up (bf_changed).
 */
static int bf_probe(struct xenbus_device *dev)
{
	unsigned long vdevice;
	struct blkdev *bd;
	int rc = parse_vdevice(dev->nodename, &vdevice);

	if (rc < 0)
		return rc;
	bd = find_disk(vdevice);
	if (bd && (bd->dev || bd->state != BLKFRONT_UNPLUGGED))
		return -EEXIST;
	if (!bd)
		bd = new_disk(vdevice);
	if (!bd)
		return -ENOMEM;
	bd->dev = dev;
	bd->backend_id = dev->otherend_id;
	bd->replug = bd->state == BLKFRONT_UNPLUGGED;
	dev->priv = bd;
	return 0;
}

static void wake_thread(struct blkdev *bd)
{
	bd->work = true;
	wake_up_one(&bd->thread_wait);
}

/*
 * The backend moved. A connected disk's thread follows it: it unplugs
 * when the backend leaves (xl block-detach), and connects a disk
 * plugged back in. A disk never used just closes when asked.
 */
static void bf_changed(struct xenbus_device *dev, enum xenbus_state state)
{
	struct blkdev *bd = dev->priv;

	if (!bd)
		return;
	if (bd->state == BLKFRONT_DOWN) {
		if (state == XenbusStateClosing)
			xenbus_switch_state(dev, XenbusStateClosed);
		return;
	}
	if (bd->state == BLKFRONT_UP && state >= XenbusStateClosing)
		bd->unplug = true;
	wake_thread(bd);
}

/* The toolstack removed the device without waiting for us. */
static void bf_gone(struct xenbus_device *dev)
{
	struct blkdev *bd = dev->priv;

	if (bd && bd->state == BLKFRONT_UP) {
		bd->unplug = true;
		wake_thread(bd);
	} else if (bd && (bd->state == BLKFRONT_CONNECTING || bd->replug)) {
		/* Its connect fails with -ENODEV and closes the device. */
		wake_thread(bd);
	} else {
		xenbus_close(dev, 0);
	}
}

static void bf_remove(struct xenbus_device *dev)
{
	struct blkdev *bd = dev->priv;

	if (bd)
		bd->dev = NULL;
}

/* An array, not a literal: string literals share one section that
 * --gc-sections cannot drop. */
static const char vbd_type[] = "vbd";

static struct xenbus_driver blkfront_driver = {
	.type = vbd_type,
	.probe = bf_probe,
	.otherend_changed = bf_changed,
	.remove = bf_remove,
	.gone = bf_gone,
};

/* Find the vbds, once; threads are cooperative: one looks, others wait. */
static void discover(void)
{
	while (init_state == INIT_RUNNING)
		thread_sleep_ns(NSEC_PER_MSEC);
	if (init_state == INIT_DONE)
		return;
	init_state = INIT_RUNNING;
	init_state = xenbus_register_driver(&blkfront_driver) < 0 ? INIT_NONE :
								    INIT_DONE;
}

/* An unsigned backend key; missing or junk reads as dflt. */
static unsigned long backend_ulong(struct blkdev *bd, const char *key,
				   unsigned long max, unsigned long dflt)
{
	char path[XENBUS_PATH_MAX + 40];
	unsigned long v;

	if (xenbus_path(path, sizeof(path), bd->dev->otherend, key) < 0 ||
	    xenstore_read_ulong(XS_TX_NONE, path, max, &v) < 0)
		return dflt;
	return v;
}

static bool backend_read_only(struct blkdev *bd)
{
	char path[XENBUS_PATH_MAX + 8], mode[4];

	if (backend_ulong(bd, "info", ~0ul, 0) & VDISK_READONLY)
		return true;
	if (xenbus_path(path, sizeof(path), bd->dev->otherend, "mode") < 0 ||
	    xenstore_read(path, mode, sizeof(mode)) < 0)
		return false;
	return mode[0] != 'w';
}

/* What the backend says once Connected: size, sector size, mode and
 * the features that are per request. */
static int read_disk_info(struct blkdev *bd)
{
	unsigned long ssize = backend_ulong(bd, "sector-size", 4096, 512);
	unsigned long segs;

	if (ssize != 512 && ssize != 4096) {
		printk("petrel: blkfront: %s: sector size %lu not supported\n",
		       bd->info.name, ssize);
		return -EPROTO;
	}
	bd->info.sector_size = (uint32_t)ssize;
	bd->info.sectors = backend_ulong(bd, "sectors", ~0ul, 0);
	/* The backend counts 512-byte sectors whatever sector-size says. */
	bd->info.sectors /= ssize / 512;
	if (!bd->info.sectors)
		return -EPROTO;
	bd->info.read_only = backend_read_only(bd);
	if (backend_ulong(bd, "feature-flush-cache", 1, 0))
		bd->flush_op = BLKIF_OP_FLUSH_DISKCACHE;
	else if (backend_ulong(bd, "feature-barrier", 1, 0))
		bd->flush_op = BLKIF_OP_WRITE_BARRIER;
	bd->info.can_flush = bd->flush_op != 0;
	bd->persistent = bd->persistent &&
			 backend_ulong(bd, "feature-persistent", 1, 0);
	segs = backend_ulong(bd, "feature-max-indirect-segments", ~0ul, 0);
	bd->indirect = segs > BLKIF_MAX_SEGMENTS_PER_REQUEST;
	bd->max_segs = !bd->indirect ? BLKIF_MAX_SEGMENTS_PER_REQUEST :
		       segs < BLKFRONT_MAX_INDIRECT_SEGS ?
				       (unsigned int)segs :
				       BLKFRONT_MAX_INDIRECT_SEGS;
	return 0;
}

/* The ring's pages, contiguous, each granted to the backend for the
 * life of the device (a save/restore keeps them). */
static int grant_ring(struct blkdev *bd)
{
	unsigned long order = backend_ulong(bd, "max-ring-page-order", 16, 0);
	void *sring;
	int rc;

	if (order > BLKFRONT_MAX_RING_ORDER)
		order = BLKFRONT_MAX_RING_ORDER;
	bd->ring_pages = 1u << order;
	sring = alloc_pages(bd->ring_pages);
	if (!sring)
		return -ENOMEM;
	bd->ring.sring = sring;
	for (; bd->nr_ring_refs < bd->ring_pages; bd->nr_ring_refs++) {
		rc = gnttab_grant_access(
			bd->dev->otherend_id,
			(char *)sring + PAGE_SIZE * bd->nr_ring_refs, false);
		if (rc < 0)
			return rc;
		bd->ring_refs[bd->nr_ring_refs] = (grant_ref_t)rc;
	}
	return 0;
}

/* An empty ring and a new event channel, for each backend we meet. */
static int fresh_ring(struct blkdev *bd)
{
	int rc;

	memset(bd->ring.sring, 0, PAGE_SIZE * bd->ring_pages);
	SHARED_RING_INIT(bd->ring.sring);
	FRONT_RING_INIT(&bd->ring, bd->ring.sring, PAGE_SIZE * bd->ring_pages);
	rc = evtchn_alloc_unbound(bd->dev->otherend_id, blkfront_event, bd);
	if (rc < 0)
		return rc;
	bd->port = (evtchn_port_t)rc;
	bd->have_port = true;
	return 0;
}

static int write_key(uint32_t tx, const char *dir, const char *key,
		     const char *value)
{
	char path[XENBUS_PATH_MAX + 32];
	int rc = xenbus_path(path, sizeof(path), dir, key);

	return rc < 0 ? rc : xenstore_write_tx(tx, path, value);
}

static int write_ulong(uint32_t tx, const char *dir, const char *key,
		       unsigned long value)
{
	char text[24];

	ksnprintf(text, sizeof(text), "%lu", value);
	return write_key(tx, dir, key, text);
}

/* The keys blkback reads when we go Initialised. */
static int publish(uint32_t tx, void *arg)
{
	struct blkdev *bd = arg;
	const char *dir = bd->dev->nodename;
	char key[16];
	int rc;

	if (bd->ring_pages == 1) {
		rc = write_ulong(tx, dir, "ring-ref", bd->ring_refs[0]);
	} else {
		rc = write_ulong(tx, dir, "ring-page-order",
				 (unsigned long)__builtin_ctz(bd->ring_pages));
		for (unsigned int i = 0; i < bd->ring_pages && !rc; i++) {
			ksnprintf(key, sizeof(key), "ring-ref%u", i);
			rc = write_ulong(tx, dir, key, bd->ring_refs[i]);
		}
	}
	if (!rc)
		rc = write_ulong(tx, dir, "event-channel", bd->port);
	if (!rc)
		rc = write_key(tx, dir, "protocol", XEN_IO_PROTO_ABI_NATIVE);
	if (!rc)
		rc = write_ulong(tx, dir, "feature-persistent", 1);
	return rc;
}

static void say_connected(struct blkdev *bd)
{
	const struct blkdev_info *i = &bd->info;
	char indirect[24] = "";

	if (bd->indirect)
		ksnprintf(indirect, sizeof(indirect), ", indirect %u",
			  bd->max_segs);
	printk("petrel: blkfront: %s %lu sectors of %u B, %s%s%s%s, ring %u "
	       "page%s\n",
	       i->name, (unsigned long)i->sectors, (unsigned)i->sector_size,
	       i->read_only ? "ro" : "rw",
	       bd->flush_op == BLKIF_OP_FLUSH_DISKCACHE ? ", flush" :
	       bd->flush_op == BLKIF_OP_WRITE_BARRIER	? ", barrier" :
							  ", no flush",
	       bd->persistent ? ", persistent" : "", indirect, bd->ring_pages,
	       bd->ring_pages == 1 ? "" : "s");
}

/* The ring is ready: tell the backend, and learn what it offers. */
static int negotiate(struct blkdev *bd, uint64_t deadline)
{
	int rc;

	/* We offer persistent grants; they are used if the backend agrees. */
	bd->persistent = true;
	rc = xenstore_transact(publish, bd);
	if (!rc)
		rc = xenbus_switch_state(bd->dev, XenbusStateInitialised);
	if (!rc)
		rc = xenbus_wait_otherend_while(bd->dev, XenbusStateConnected,
						deadline, &bd->stopping);
	if (!rc)
		rc = read_disk_info(bd);
	if (!rc)
		rc = xenbus_switch_state(bd->dev, XenbusStateConnected);
	return rc;
}

static int connect(struct blkdev *bd)
{
	uint64_t deadline = monotonic_ns() + CONNECT_TIMEOUT_NS;
	int rc;

	rc = xenbus_wait_otherend(bd->dev, XenbusStateInitWait, deadline);
	if (!rc)
		rc = grant_ring(bd);
	if (!rc)
		rc = fresh_ring(bd);
	if (!rc) {
		blkfront_io_reset(bd);
		rc = blkfront_io_start(bd);
	}
	if (!rc)
		rc = negotiate(bd, deadline);
	return rc;
}

bool blkfront_end_grant(grant_ref_t ref, uint64_t deadline_ns)
{
	int rc;

	while ((rc = gnttab_end_access(ref)) == -EBUSY &&
	       monotonic_ns() < deadline_ns)
		thread_sleep_ns(10 * NSEC_PER_MSEC);
	return rc == 0;
}

/* Off the ring, closed in step with the backend, every grant ended. */
static int detach(struct blkdev *bd, uint64_t deadline)
{
	unsigned int kept, ring_kept = 0;
	int rc = 0;

	if (bd->have_port)
		evtchn_close(bd->port);
	bd->have_port = false;
	if (bd->dev)
		rc = xenbus_close(bd->dev, deadline);
	for (unsigned int i = 0; i < bd->nr_ring_refs; i++)
		ring_kept += !blkfront_end_grant(bd->ring_refs[i], deadline);
	if (bd->ring.sring && !ring_kept)
		free_pages(bd->ring.sring, bd->ring_pages);
	kept = blkfront_io_release(bd, deadline) +
	       (ring_kept ? bd->ring_pages : 0);
	if (kept)
		printk("petrel: blkfront: %s: %u page(s) still granted, kept\n",
		       bd->info.name, kept);
	bd->nr_ring_refs = 0;
	bd->ring.sring = NULL;
	return rc;
}

/* Stop the ring and its thread, and detach. */
static int teardown(struct blkdev *bd)
{
	uint64_t deadline = monotonic_ns() + CLOSE_TIMEOUT_NS;
	int rc;

	if (bd->suspend.resume)
		suspend_hook_remove(&bd->suspend);
	bd->suspend.resume = NULL;
	blkfront_io_stop(bd, deadline);
	rc = detach(bd, deadline);
	bd->state = BLKFRONT_GONE;
	return rc;
}

/* ---- save/restore ---- */

static void bf_quiesce(struct suspend_hook *h)
{
	container_of(h, struct blkdev, suspend)->suspended = true;
}

/* What was negotiated, which the requests in flight were built for. */
struct negotiated {
	uint8_t flush_op;
	bool persistent, indirect;
	unsigned int max_segs;
	struct blkdev_info info;
};

static struct negotiated negotiated(const struct blkdev *bd)
{
	return (struct negotiated){
		.flush_op = bd->flush_op,
		.persistent = bd->persistent,
		.indirect = bd->indirect,
		.max_segs = bd->max_segs,
		.info = bd->info,
	};
}

/* What the files on the disk were built on. */
static bool same_disk(const struct negotiated *a, const struct negotiated *b)
{
	return a->info.sectors == b->info.sectors &&
	       a->info.sector_size == b->info.sector_size &&
	       a->info.read_only == b->info.read_only;
}

/* What the requests in flight were built for, too. */
static bool same_terms(const struct negotiated *a, const struct negotiated *b)
{
	return a->flush_op == b->flush_op && a->persistent == b->persistent &&
	       a->indirect == b->indirect && a->max_segs == b->max_segs &&
	       same_disk(a, b);
}

/*
 * The new domain's backend: the same ring pages and grants (they
 * survive the move), a fresh ring and event channel, the same terms, and
 * then every request the old backend left unanswered goes out again.
 */
static int reconnect(struct blkdev *bd)
{
	uint64_t deadline = monotonic_ns() + CONNECT_TIMEOUT_NS;
	struct negotiated before = negotiated(bd), after;
	int rc;

	bd->have_port = false; /* it died with the old domain */
	rc = xenbus_wait_otherend(bd->dev, XenbusStateInitWait, deadline);
	if (!rc && (1ul << backend_ulong(bd, "max-ring-page-order", 16, 0)) <
			   bd->ring_pages)
		rc = -EPROTO;
	if (rc < 0)
		return rc;
	rc = fresh_ring(bd);
	if (rc < 0)
		return rc;
	rc = negotiate(bd, deadline);
	after = negotiated(bd);
	if (!rc && !same_terms(&before, &after))
		rc = -EPROTO;
	if (!rc)
		blkfront_io_reissue(bd);
	return rc;
}

static void bf_resume(struct suspend_hook *h, bool new_domain)
{
	struct blkdev *bd = container_of(h, struct blkdev, suspend);
	int rc = new_domain ? reconnect(bd) : 0;

	if (rc < 0) {
		suspend_say_lost("blkfront", bd->info.name, rc);
		bd->state = BLKFRONT_BROKEN;
	}
	bd->suspended = false;
	bd->work = true;
	wake_up_one(&bd->thread_wait);
}

/* ---- hot-unplug and plug (the disk's thread) ---- */

static void unplug(struct blkdev *bd)
{
	bd->unplug = false;
	bd->state = BLKFRONT_UNPLUGGED;
	blkfront_io_fail_all(bd);
	detach(bd, monotonic_ns() + CLOSE_TIMEOUT_NS);
	printk("petrel: blkfront: %s: unplugged; its I/O fails with EIO until "
	       "it is back\n",
	       bd->info.name);
}

/* A new disk in its place, as soon as dom0's hotplug script is done:
 * new ring pages, and the same size and mode as the one the files on
 * it were opened on. */
static int reattach(struct blkdev *bd)
{
	struct negotiated before = negotiated(bd), after;
	int rc = xenbus_wait_otherend_while(bd->dev, XenbusStateInitWait, 0,
					    &bd->stopping);

	if (!rc)
		rc = grant_ring(bd);
	if (!rc)
		rc = fresh_ring(bd);
	if (rc < 0)
		return rc;
	blkfront_io_reset(bd);
	rc = negotiate(bd, 0);
	after = negotiated(bd);
	if (!rc && !same_disk(&before, &after))
		rc = -EPROTO;
	return rc;
}

static void replug(struct blkdev *bd)
{
	int rc;

	bd->replug = false;
	rc = reattach(bd);
	if (rc < 0) {
		printk("petrel: blkfront: %s: cannot use the disk plugged in "
		       "(%d)\n",
		       bd->info.name, rc);
		detach(bd, monotonic_ns() + CLOSE_TIMEOUT_NS);
		return;
	}
	bd->state = BLKFRONT_UP;
	printk("petrel: blkfront: %s: plugged back in\n", bd->info.name);
}

void blkfront_hotplug_work(struct blkdev *bd)
{
	if (bd->unplug && bd->state == BLKFRONT_UP && !bd->suspended)
		unplug(bd);
	if (bd->replug && bd->dev && bd->state == BLKFRONT_UNPLUGGED)
		replug(bd);
}

int blkfront_connect_once(struct blkdev *bd)
{
	int rc;

	while (bd->state == BLKFRONT_CONNECTING)
		thread_sleep_ns(NSEC_PER_MSEC);
	if (bd->state != BLKFRONT_DOWN)
		return bd->state == BLKFRONT_UP ? 0 : -EIO;
	if (!bd->dev)
		return -ENODEV;
	bd->state = BLKFRONT_CONNECTING;
	rc = connect(bd);
	if (rc < 0) {
		printk("petrel: blkfront: %s: connect failed (%d)\n",
		       bd->info.name, rc);
		teardown(bd);
		return rc;
	}
	bd->state = BLKFRONT_UP;
	say_connected(bd);
	bd->suspend.quiesce = bf_quiesce;
	bd->suspend.resume = bf_resume;
	suspend_hook_add(&bd->suspend);
	return 0;
}

struct blkdev *blkdev_get(unsigned int index)
{
	discover();
	if (index >= nr_disks || blkfront_connect_once(disks[index]) < 0)
		return NULL;
	return disks[index];
}

struct blkdev *blkdev_find(const char *name)
{
	if (!strncmp(name, "/dev/", 5))
		name += 5;
	discover();
	for (unsigned int i = 0; i < nr_disks; i++)
		if (!strcmp(disks[i]->info.name, name))
			return blkfront_connect_once(disks[i]) < 0 ? NULL :
								     disks[i];
	return NULL;
}

const struct blkdev_info *blkdev_info(const struct blkdev *dev)
{
	return &dev->info;
}

void blkfront_shutdown(void)
{
	for (unsigned int i = 0; i < nr_disks; i++)
		if (disks[i]->state == BLKFRONT_UP ||
		    disks[i]->state == BLKFRONT_BROKEN ||
		    disks[i]->state == BLKFRONT_UNPLUGGED)
			teardown(disks[i]);
}
