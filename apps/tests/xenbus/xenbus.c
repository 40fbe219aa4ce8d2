/*
 * Conformance test for the xenbus frontend framework, against a real
 * netback in dom0 (run with a vif). A driver for "vif" is probed with
 * the backend's validated path and domain, sees the backend reach
 * InitWait through its state watch, then closes in step with it.
 */
#include <petrel/petrel.h>
#include <petrel/xenbus.h>

#define TIMEOUT_NS (60ULL * 1000 * 1000 * 1000)
#define STATE_INITWAIT 2
#define STATE_CLOSED 6

static petrel_xenbus_device_t *vif;

static int vif_probe(petrel_xenbus_device_t *dev)
{
	petrel_printf("xenbus: probed %s, backend %s in domain %u\n",
		      petrel_xenbus_nodename(dev), petrel_xenbus_otherend(dev),
		      petrel_xenbus_otherend_id(dev));
	vif = dev;
	return 0;
}

static void vif_changed(petrel_xenbus_device_t *dev, int state)
{
	(void)dev;
	petrel_printf("xenbus: backend state %d\n", state);
}

static void vif_remove(petrel_xenbus_device_t *dev)
{
	petrel_printf("xenbus: removed %s\n", petrel_xenbus_nodename(dev));
}

static struct petrel_xenbus_driver vif_driver = {
	.type = "vif",
	.probe = vif_probe,
	.otherend_changed = vif_changed,
	.remove = vif_remove,
};

int main(void)
{
	int found = petrel_xenbus_register(&vif_driver);
	int rc;

	petrel_printf("xenbus: %d vif device(s)\n", found);
	if (found != 1 || !vif)
		return 1;
	rc = petrel_xenbus_wait_otherend(vif, STATE_INITWAIT, TIMEOUT_NS);
	petrel_printf("xenbus: wait for InitWait: %d\n", rc);
	if (rc)
		return 1;
	rc = petrel_xenbus_close(vif, TIMEOUT_NS);
	petrel_printf("xenbus: close: %d\n", rc);
	return rc ? 1 : 0;
}
