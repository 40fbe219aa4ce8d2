/*
 * Blkfront: the frontend of a Xen virtual block device (vbd), and the
 * block API that files (lib/) are built on. Each attached disk is one
 * struct blkdev, named as the toolstack named it (xvda, xvdb, ...).
 * I/O is asynchronous with a completion callback; the _sync calls wrap
 * it for callers that may sleep. The backend's responses are untrusted:
 * an id is checked against the requests outstanding, a status other
 * than success reaches the caller as -EIO.
 */
#ifndef KERNEL_DRIVERS_BLKFRONT_H
#define KERNEL_DRIVERS_BLKFRONT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct blkdev;

struct blkdev_info {
	char name[16]; /* "xvda": from the vbd's virtual-device number */
	uint64_t sectors; /* the disk's size, in sector_size units */
	uint32_t sector_size; /* 512 or 4096 */
	bool read_only; /* the backend's mode is "r": writes are -EROFS */
	bool can_flush; /* flush-cache or barrier was offered */
};

enum blkdev_op {
	BLKDEV_READ,
	BLKDEV_WRITE,
	BLKDEV_FLUSH, /* make every completed write durable (sector, buf,
		       * count unused) */
};

/*
 * One request. The caller owns it (and buf) until done runs; done runs
 * once, in the driver's completion context (a thread: it may wake
 * others but should not sleep long), with 0 or a negative errno.
 * buf needs no particular alignment; count is in sectors and may be
 * any size up to the disk's end (the driver splits it as it must).
 */
struct blkdev_req {
	enum blkdev_op op;
	uint64_t sector;
	void *buf;
	size_t count;
	void (*done)(struct blkdev_req *req, int status);
	void *arg; /* the caller's */
	/* Private to the driver. */
	void *priv[4];
};

/*
 * The disks the domain has, in the toolstack's order (xvda first),
 * brought up on first use: index 0.. until NULL. blkdev_find takes a
 * name ("xvdb") or a path ("/dev/xvdb").
 */
struct blkdev *blkdev_get(unsigned int index);
struct blkdev *blkdev_find(const char *name);
const struct blkdev_info *blkdev_info(const struct blkdev *dev);

/* Queue req: 0 (done will run) or a negative errno (it will not). */
int blkdev_submit(struct blkdev *dev, struct blkdev_req *req);

/* Sleep until done: 0 or a negative errno (-EIO, -EROFS, -EINVAL). */
int blkdev_read_sync(struct blkdev *dev, uint64_t sector, void *buf,
		     size_t count);
int blkdev_write_sync(struct blkdev *dev, uint64_t sector, const void *buf,
		      size_t count);
int blkdev_flush_sync(struct blkdev *dev);

/*
 * At exit: wait (boundedly) for the I/O in flight, close every
 * connected disk in step with its backend and end every grant. The
 * disks are gone afterwards (blkdev_get gives NULL).
 */
void blkfront_shutdown(void);

#endif
