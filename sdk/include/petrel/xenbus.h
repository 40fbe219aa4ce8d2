/*
 * Xenbus frontends for apps: register a driver for a device type, and
 * drive the xenbus state protocol (xen/io/xenbus.h numbering: 1
 * Initialising, 2 InitWait, 3 Initialised, 4 Connected, 5 Closing,
 * 6 Closed). Callbacks run in the xenwatch thread. Errors are negative
 * errno values.
 */
#ifndef PETREL_XENBUS_H
#define PETREL_XENBUS_H

#include <stdint.h>

typedef struct xenbus_device petrel_xenbus_device_t;

struct petrel_xenbus_driver {
	const char *type; /* "vif", "vbd", ... */
	int (*probe)(petrel_xenbus_device_t *dev);
	void (*otherend_changed)(petrel_xenbus_device_t *dev, int state);
	void (*remove)(petrel_xenbus_device_t *dev);
	void *internal; /* owned by the SDK */
};

/* Probe every device of the type present now; returns how many. */
int petrel_xenbus_register(struct petrel_xenbus_driver *drv);

const char *petrel_xenbus_nodename(const petrel_xenbus_device_t *dev);
const char *petrel_xenbus_otherend(const petrel_xenbus_device_t *dev);
unsigned int petrel_xenbus_otherend_id(const petrel_xenbus_device_t *dev);
int petrel_xenbus_otherend_state(const petrel_xenbus_device_t *dev);

int petrel_xenbus_switch_state(petrel_xenbus_device_t *dev, int state);
int petrel_xenbus_wait_otherend(petrel_xenbus_device_t *dev, int state,
				uint64_t timeout_ns);
/* Closes in step with the backend, then calls remove and frees dev. */
int petrel_xenbus_close(petrel_xenbus_device_t *dev, uint64_t timeout_ns);

#endif
