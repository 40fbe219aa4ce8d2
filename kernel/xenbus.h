/*
 * Xenbus frontend framework. A driver registers for a device type
 * ("vif", "vbd"); for each device/<type>/<id> in xenstore the framework
 * reads and validates the backend's path and domain, watches the
 * backend's state, and calls the driver. State changes follow
 * xen/io/xenbus.h: the frontend starts Initialising, the driver
 * publishes its rings and moves on, and teardown goes Closing -> Closed
 * in step with the backend.
 */
#ifndef KERNEL_XENBUS_H
#define KERNEL_XENBUS_H

#include <stdbool.h>
#include <stdint.h>
#include <xen/xen.h>
#include <xen/io/xenbus.h>
#include "kernel/sched.h"
#include "kernel/xenstore.h"
#include "kernel/wait_list.h"

#define XENBUS_PATH_MAX 128

struct xenbus_driver;

struct xenbus_device {
	char nodename[XENBUS_PATH_MAX]; /* device/<type>/<id> */
	char otherend[XENBUS_PATH_MAX]; /* the backend's directory */
	domid_t otherend_id;
	enum xenbus_state state; /* ours, as last written */
	enum xenbus_state otherend_state; /* the backend's, as last read */
	struct xenbus_driver *driver;
	void *priv;
	/* Private to the framework. */
	bool vanished; /* our directory was removed (hot-unplug) */
	bool closing; /* xenbus_close() has begun */
	char otherend_state_path[XENBUS_PATH_MAX + 8];
	struct xenstore_watch otherend_watch;
	struct wait_queue state_wait;
	struct list_head link;
};

struct xenbus_driver {
	const char *type;
	/* Set up the device; 0 keeps it, an error drops it. */
	int (*probe)(struct xenbus_device *dev);
	/* The backend moved to a new state (runs in the xenwatch thread). */
	void (*otherend_changed)(struct xenbus_device *dev,
				 enum xenbus_state state);
	/* The backend reached Connected: start using the device. */
	void (*connect)(struct xenbus_device *dev);
	/* Release what probe set up; the device is already Closed. */
	void (*remove)(struct xenbus_device *dev);
	/*
	 * The toolstack removed the device's directory (a hot-unplug that
	 * did not wait for us, or after we closed). The driver must end
	 * with xenbus_close(), from any thread; without this callback the
	 * framework does so at once (xenwatch thread).
	 */
	void (*gone)(struct xenbus_device *dev);
	struct list_head devices;
	/* Private: every registered driver, and the watch on its device
	 * directory that finds devices plugged in later. */
	struct list_head link;
	char dir[XENBUS_PATH_MAX];
	struct xenstore_watch dir_watch;
};

/*
 * Probe every device of drv->type present now, and from then on each
 * one the toolstack adds (hot-plug; probe runs in the xenwatch thread);
 * returns how many were found now.
 */
int xenbus_register_driver(struct xenbus_driver *drv);

/*
 * In a new domain after a restore (xenwatch thread): our backends live
 * under the new domain id. Read each device's backend again and watch
 * its new state; the drivers reconnect on their own (suspend hooks).
 */
void xenbus_resume(void);

int xenbus_switch_state(struct xenbus_device *dev, enum xenbus_state state);

/*
 * Sleep until the backend reaches want (returns 0), or goes to Closing
 * or Closed when want was an earlier state (-ENOTCONN), or the deadline
 * passes (-ETIMEDOUT), or the device was removed (-ENODEV). Closing
 * counts as reached once the backend is Closed, and a vanished backend
 * counts as Closed.
 */
int xenbus_wait_otherend(struct xenbus_device *dev, enum xenbus_state want,
			 uint64_t deadline_ns);

/*
 * As xenbus_wait_otherend, but deadline 0 waits as long as it takes (a
 * device plugged in waits for dom0's hotplug script), checking *stop
 * every second: once it is set, -ECANCELED.
 */
int xenbus_wait_otherend_while(struct xenbus_device *dev,
			       enum xenbus_state want, uint64_t deadline_ns,
			       const bool *stop);

/* Closing, wait for the backend to close, Closed, then the driver's
 * remove; the device is freed. A vanished device skips the writes. */
int xenbus_close(struct xenbus_device *dev, uint64_t deadline_ns);

/* Build "<dir>/<key>" into buf; -ENAMETOOLONG if it does not fit. */
int xenbus_path(char *buf, size_t size, const char *dir, const char *key);

const char *xenbus_state_name(enum xenbus_state state);

#endif
