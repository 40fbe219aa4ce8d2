/*
 * Xenbus device discovery and the frontend side of the state protocol.
 * Every value here comes from xenstore, which the backend can write:
 * paths must be absolute and short, domain ids and states are parsed
 * strictly, and anything malformed drops the device with a message
 * instead of trusting it.
 */
#include <stdbool.h>
#include "arch/irq.h"
#include "arch/layout.h"
#include "kernel/lib/errno.h"
#include "kernel/lib/format.h"
#include "kernel/lib/string.h"
#include "kernel/mm/kmalloc.h"
#include "kernel/mm/mm.h"
#include "kernel/printk.h"
#include "kernel/time.h"
#include "kernel/xenbus.h"
#include "kernel/xenstore_wire.h"

#define XENBUS_STATE_MAX XenbusStateReconfigured

static struct list_head drivers = { &drivers, &drivers };

static const char *const state_names[] = {
	[XenbusStateUnknown] = "Unknown",
	[XenbusStateInitialising] = "Initialising",
	[XenbusStateInitWait] = "InitWait",
	[XenbusStateInitialised] = "Initialised",
	[XenbusStateConnected] = "Connected",
	[XenbusStateClosing] = "Closing",
	[XenbusStateClosed] = "Closed",
	[XenbusStateReconfiguring] = "Reconfiguring",
	[XenbusStateReconfigured] = "Reconfigured",
};

const char *xenbus_state_name(enum xenbus_state state)
{
	if ((unsigned int)state <= XENBUS_STATE_MAX)
		return state_names[state];
	return "invalid";
}

int xenbus_path(char *buf, size_t size, const char *dir, const char *key)
{
	int len = ksnprintf(buf, size, "%s/%s", dir, key);

	return len < 0 || (size_t)len >= size ? -ENAMETOOLONG : 0;
}

int xenbus_switch_state(struct xenbus_device *dev, enum xenbus_state state)
{
	char path[XENBUS_PATH_MAX + 8], value[4];
	int rc = xenbus_path(path, sizeof(path), dev->nodename, "state");

	if (rc < 0)
		return rc;
	/* Writing would make the directory the toolstack removed anew. */
	if (dev->vanished)
		return -ENODEV;
	ksnprintf(value, sizeof(value), "%d", state);
	rc = xenstore_write(path, value);
	if (!rc)
		dev->state = state;
	return rc;
}

static void otherend_changed(struct xenstore_watch *w, const char *changed)
{
	struct xenbus_device *dev =
		container_of(w, struct xenbus_device, otherend_watch);
	unsigned long state;

	(void)changed;
	if (dev->vanished)
		return;
	/* A missing or junk state reads as Unknown, never as progress. */
	if (xenstore_read_ulong(XS_TX_NONE, dev->otherend_state_path,
				XENBUS_STATE_MAX, &state) < 0)
		state = XenbusStateUnknown;
	if (state == (unsigned long)dev->otherend_state)
		return;
	dev->otherend_state = (enum xenbus_state)state;
	wake_up_all(&dev->state_wait);
	if (dev->driver->otherend_changed)
		dev->driver->otherend_changed(dev, dev->otherend_state);
	if (dev->otherend_state == XenbusStateConnected && dev->driver->connect)
		dev->driver->connect(dev);
}

/* Closing is passed once Closed; a vanished backend (Unknown) is both. */
static bool otherend_reached(enum xenbus_state state, enum xenbus_state want)
{
	if (state == want)
		return true;
	if (want == XenbusStateClosing)
		return state == XenbusStateClosed ||
		       state == XenbusStateUnknown;
	return want == XenbusStateClosed && state == XenbusStateUnknown;
}

int xenbus_wait_otherend(struct xenbus_device *dev, enum xenbus_state want,
			 uint64_t deadline_ns)
{
	unsigned long flags = arch_irq_save();
	int rc = 0;

	while (!otherend_reached(dev->otherend_state, want) && !rc) {
		if (dev->vanished)
			rc = -ENODEV;
		else if (want < XenbusStateClosing &&
			 (dev->otherend_state == XenbusStateClosing ||
			  dev->otherend_state == XenbusStateClosed))
			rc = -ENOTCONN;
		else if (!wait_queue_sleep(&dev->state_wait, deadline_ns))
			rc = -ETIMEDOUT;
	}
	arch_irq_restore(flags);
	return rc;
}

int xenbus_wait_otherend_while(struct xenbus_device *dev,
			       enum xenbus_state want, uint64_t deadline_ns,
			       const bool *stop)
{
	int rc;

	if (deadline_ns)
		return xenbus_wait_otherend(dev, want, deadline_ns);
	do {
		if (*stop)
			return -ECANCELED;
		rc = xenbus_wait_otherend(dev, want,
					  monotonic_ns() + NSEC_PER_SEC);
	} while (rc == -ETIMEDOUT);
	return rc;
}

/* The backend path must be an absolute xenstore path we can extend. */
static int read_otherend(struct xenbus_device *dev)
{
	char path[XENBUS_PATH_MAX + 16];
	unsigned long id;
	int rc;

	rc = xenbus_path(path, sizeof(path), dev->nodename, "backend-id");
	if (rc < 0)
		return rc;
	rc = xenstore_read_ulong(XS_TX_NONE, path, DOMID_FIRST_RESERVED - 1,
				 &id);
	if (rc < 0)
		return rc;
	dev->otherend_id = (domid_t)id;
	rc = xenbus_path(path, sizeof(path), dev->nodename, "backend");
	if (rc < 0)
		return rc;
	rc = xenstore_read(path, dev->otherend, sizeof(dev->otherend));
	if (rc < 0)
		return rc == -ERANGE ? -ENAMETOOLONG : rc;
	if (dev->otherend[0] != '/' || strchr(dev->otherend, '\n'))
		return -EINVAL;
	return xenbus_path(dev->otherend_state_path,
			   sizeof(dev->otherend_state_path), dev->otherend,
			   "state");
}

static void device_free(struct xenbus_device *dev)
{
	kfree(dev);
}

/*
 * Tell the backend we are gone, so it does not wait on an Initialising
 * frontend forever, and say why. No watch is registered yet; a driver
 * whose probe succeeded releases its setup once we are Closed.
 */
static int probe_failed(struct xenbus_device *dev, int rc, bool probed)
{
	printk("petrel: xenbus: %s: probe failed (%d)\n", dev->nodename, rc);
	xenbus_switch_state(dev, XenbusStateClosed);
	if (probed && dev->driver->remove)
		dev->driver->remove(dev);
	device_free(dev);
	return rc;
}

/*
 * The driver's probe runs before the backend's state is watched, as in
 * Linux: a probe that sleeps must not see otherend_changed before it is
 * done. The watch fires once when registered, so a backend that moved
 * meanwhile is still reported.
 */
static int probe_device(struct xenbus_driver *drv, const char *id)
{
	struct xenbus_device *dev = kmalloc(sizeof(*dev));
	int rc;

	if (!dev)
		return -ENOMEM;
	dev->driver = drv;
	dev->vanished = dev->closing = false;
	wait_queue_init(&dev->state_wait);
	rc = ksnprintf(dev->nodename, sizeof(dev->nodename), "device/%s/%s",
		       drv->type, id);
	if (rc < 0 || (size_t)rc >= sizeof(dev->nodename)) {
		printk("petrel: xenbus: %s/%s: name too long\n", drv->type, id);
		device_free(dev);
		return -ENAMETOOLONG;
	}
	rc = read_otherend(dev);
	if (!rc)
		rc = xenbus_switch_state(dev, XenbusStateInitialising);
	if (!rc)
		rc = drv->probe(dev);
	if (rc < 0)
		return probe_failed(dev, rc, false);
	dev->otherend_watch.path = dev->otherend_state_path;
	dev->otherend_watch.fn = otherend_changed;
	rc = xenstore_watch_add(&dev->otherend_watch);
	if (rc < 0)
		return probe_failed(dev, rc, true);
	list_add_tail(&dev->link, &drv->devices);
	return 0;
}

/* A directory reply is at most one payload, plus our terminating NUL. */
#define NAMES_SIZE (XENSTORE_PAYLOAD_MAX + 1)
#define NAMES_PAGES ((NAMES_SIZE + PAGE_SIZE - 1) / PAGE_SIZE)

/* The ids in drv's device directory, into names (NAMES_PAGES pages). */
static int list_ids(struct xenbus_driver *drv, char *names)
{
	int len = xenstore_directory(XS_TX_NONE, drv->dir, names, NAMES_SIZE);

	return len == -ENOENT ? 0 : len;
}

static bool id_listed(const char *names, size_t len, const char *id)
{
	size_t offset = 0;
	const char *name;

	while (xs_wire_directory_next(names, len, &offset, &name) > 0)
		if (!strcmp(name, id))
			return true;
	return false;
}

static const char *device_id(const struct xenbus_device *dev)
{
	return dev->nodename + strlen(dev->driver->dir) + 1;
}

static struct xenbus_device *find_device(struct xenbus_driver *drv,
					 const char *id)
{
	struct list_head *pos;

	list_for_each(pos, &drv->devices) {
		struct xenbus_device *dev =
			container_of(pos, struct xenbus_device, link);

		if (!strcmp(device_id(dev), id))
			return dev;
	}
	return NULL;
}

/*
 * A device the toolstack added after boot starts Initialising; one we
 * closed and it has not removed yet does not, and is not new.
 */
static bool plugged_in(struct xenbus_driver *drv, const char *id)
{
	char path[XENBUS_PATH_MAX + 16];
	unsigned long state;
	int len = ksnprintf(path, sizeof(path), "%s/%s/state", drv->dir, id);

	return len > 0 && (size_t)len < sizeof(path) &&
	       !xenstore_read_ulong(XS_TX_NONE, path, XENBUS_STATE_MAX,
				    &state) &&
	       state == XenbusStateInitialising;
}

/* Probe the listed devices we do not have yet; returns how many. */
static int probe_listed(struct xenbus_driver *drv, const char *names,
			size_t len, bool hotplug)
{
	size_t offset = 0;
	const char *id;
	int found = 0;

	while (xs_wire_directory_next(names, len, &offset, &id) > 0) {
		if (find_device(drv, id) || (hotplug && !plugged_in(drv, id)))
			continue;
		if (hotplug)
			printk("petrel: xenbus: %s/%s plugged in\n", drv->dir,
			       id);
		if (!probe_device(drv, id))
			found++;
	}
	return found;
}

/* Its directory is gone: whoever holds the device must let it go. */
static void device_vanished(struct xenbus_device *dev)
{
	printk("petrel: xenbus: %s removed by the toolstack\n", dev->nodename);
	dev->vanished = true;
	dev->otherend_state = XenbusStateUnknown;
	wake_up_all(&dev->state_wait);
	if (dev->driver->gone)
		dev->driver->gone(dev);
	else
		xenbus_close(dev, 0);
}

/* Each pass may free a device, so the walk starts over after one. */
static void forget_unlisted(struct xenbus_driver *drv, const char *names,
			    size_t len)
{
	struct list_head *pos;
	bool again = true;

	while (again) {
		again = false;
		list_for_each(pos, &drv->devices) {
			struct xenbus_device *dev =
				container_of(pos, struct xenbus_device, link);

			if (dev->vanished || dev->closing ||
			    id_listed(names, len, device_id(dev)))
				continue;
			device_vanished(dev);
			again = true;
			break;
		}
	}
}

/* Something under device/<type> changed (xenwatch thread): devices
 * plugged in or removed. Events coalesce, so read the whole list. */
static void rescan(struct xenstore_watch *w, const char *changed)
{
	struct xenbus_driver *drv =
		container_of(w, struct xenbus_driver, dir_watch);
	char *names = alloc_pages(NAMES_PAGES);
	int len;

	(void)changed;
	if (!names) {
		printk("petrel: xenbus: %s: no memory to rescan\n", drv->dir);
		return;
	}
	len = list_ids(drv, names);
	if (len >= 0) {
		forget_unlisted(drv, names, (size_t)len);
		probe_listed(drv, names, (size_t)len, true);
	}
	free_pages(names, NAMES_PAGES);
}

int xenbus_register_driver(struct xenbus_driver *drv)
{
	int len, found = 0;
	/* Per call: registrations may run at once in several threads. */
	char *names = alloc_pages(NAMES_PAGES);

	if (!names)
		return -ENOMEM;
	list_init(&drv->devices);
	list_add_tail(&drv->link, &drivers);
	ksnprintf(drv->dir, sizeof(drv->dir), "device/%s", drv->type);
	len = list_ids(drv, names);
	if (len > 0)
		found = probe_listed(drv, names, (size_t)len, false);
	free_pages(names, NAMES_PAGES);
	if (len < 0)
		return len;
	drv->dir_watch.path = drv->dir;
	drv->dir_watch.fn = rescan;
	if (xenstore_watch_add(&drv->dir_watch) < 0)
		printk("petrel: xenbus: %s: cannot watch for hot-plug\n",
		       drv->dir);
	return found;
}

/* The toolstack wrote our device directory afresh: state Initialising,
 * and a backend path under our new domain id. */
static void device_resume(struct xenbus_device *dev)
{
	int rc;

	xenstore_watch_remove(&dev->otherend_watch);
	dev->state = XenbusStateInitialising;
	dev->otherend_state = XenbusStateUnknown;
	rc = read_otherend(dev);
	if (!rc)
		rc = xenstore_watch_add(&dev->otherend_watch);
	if (rc < 0)
		printk("petrel: xenbus: %s: backend lost on resume (%d)\n",
		       dev->nodename, rc);
}

void xenbus_resume(void)
{
	struct list_head *d, *pos;

	list_for_each(d, &drivers) {
		struct xenbus_driver *drv =
			container_of(d, struct xenbus_driver, link);

		list_for_each(pos, &drv->devices)
			device_resume(
				container_of(pos, struct xenbus_device, link));
	}
}

int xenbus_close(struct xenbus_device *dev, uint64_t deadline_ns)
{
	int rc;

	dev->closing = true;
	rc = xenbus_switch_state(dev, XenbusStateClosing);
	if (rc == -ENODEV)
		rc = 0;

	/* Backends answer our Closing with Closing, and go Closed only
	 * once we are Closed. */
	if (!rc)
		rc = xenbus_wait_otherend(dev, XenbusStateClosing, deadline_ns);
	xenbus_switch_state(dev, XenbusStateClosed);
	if (!rc)
		rc = xenbus_wait_otherend(dev, XenbusStateClosed, deadline_ns);
	xenstore_watch_remove(&dev->otherend_watch);
	list_del(&dev->link);
	if (dev->driver->remove)
		dev->driver->remove(dev);
	device_free(dev);
	return rc;
}
