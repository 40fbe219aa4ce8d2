/*
 * The public petrel/xenbus.h API: an app's driver is wrapped in a
 * kernel xenbus_driver whose callbacks forward to it.
 */
#include "kernel/lib/errno.h"
#include "kernel/mm/kmalloc.h"
#include "kernel/time.h"
#include "kernel/xenbus.h"
#include "petrel/xenbus.h"

struct app_driver {
	struct xenbus_driver kdrv;
	struct petrel_xenbus_driver *app;
};

static struct petrel_xenbus_driver *app_of(struct xenbus_device *dev)
{
	return container_of(dev->driver, struct app_driver, kdrv)->app;
}

static int forward_probe(struct xenbus_device *dev)
{
	return app_of(dev)->probe(dev);
}

static void forward_changed(struct xenbus_device *dev, enum xenbus_state state)
{
	if (app_of(dev)->otherend_changed)
		app_of(dev)->otherend_changed(dev, state);
}

static void forward_remove(struct xenbus_device *dev)
{
	if (app_of(dev)->remove)
		app_of(dev)->remove(dev);
}

int petrel_xenbus_register(struct petrel_xenbus_driver *drv)
{
	struct app_driver *ad;
	int rc;

	if (!drv->type || !drv->probe)
		return -EINVAL;
	ad = kmalloc(sizeof(*ad));
	if (!ad)
		return -ENOMEM;
	ad->app = drv;
	ad->kdrv.type = drv->type;
	ad->kdrv.probe = forward_probe;
	ad->kdrv.otherend_changed = forward_changed;
	ad->kdrv.remove = forward_remove;
	drv->internal = ad;
	rc = xenbus_register_driver(&ad->kdrv);
	if (rc < 0) {
		drv->internal = NULL;
		kfree(ad);
	}
	return rc;
}

const char *petrel_xenbus_nodename(const petrel_xenbus_device_t *dev)
{
	return dev->nodename;
}

const char *petrel_xenbus_otherend(const petrel_xenbus_device_t *dev)
{
	return dev->otherend;
}

unsigned int petrel_xenbus_otherend_id(const petrel_xenbus_device_t *dev)
{
	return dev->otherend_id;
}

int petrel_xenbus_otherend_state(const petrel_xenbus_device_t *dev)
{
	return dev->otherend_state;
}

int petrel_xenbus_switch_state(petrel_xenbus_device_t *dev, int state)
{
	if (state < XenbusStateInitialising || state > XenbusStateReconfigured)
		return -EINVAL;
	return xenbus_switch_state(dev, (enum xenbus_state)state);
}

int petrel_xenbus_wait_otherend(petrel_xenbus_device_t *dev, int state,
				uint64_t timeout_ns)
{
	return xenbus_wait_otherend(dev, (enum xenbus_state)state,
				    monotonic_ns() + timeout_ns);
}

int petrel_xenbus_close(petrel_xenbus_device_t *dev, uint64_t timeout_ns)
{
	return xenbus_close(dev, monotonic_ns() + timeout_ns);
}
