/*
 * Conformance test for the xenbus frontend framework, against a real
 * netback in dom0 (run with a vif). A driver for "vif" is probed with
 * the backend's validated path and domain; its probe sleeps, and must
 * not see otherend_changed until it has returned, but must see the
 * backend reach InitWait afterwards. It then closes in step with the
 * backend. A second driver whose probe fails must leave the frontend
 * Closed, so that the backend does not wait for it forever.
 */
#include <errno.h>
#include <petrel/petrel.h>
#include <petrel/thread.h>
#include <petrel/xenbus.h>
#include <petrel/xenstore.h>

#define MS_NS (1000ULL * 1000)
#define TIMEOUT_NS (60000 * MS_NS)
#define PROBE_SLEEP_NS (200 * MS_NS)
#define STATE_INITWAIT 2

static petrel_xenbus_device_t *vif;
static char vif_state_path[128];
static volatile int in_probe;
static volatile int changed_during_probe;
static volatile int initwait_seen;

static int vif_probe(petrel_xenbus_device_t *dev)
{
	petrel_printf("xenbus: probed %s, backend %s in domain %u\n",
		      petrel_xenbus_nodename(dev), petrel_xenbus_otherend(dev),
		      petrel_xenbus_otherend_id(dev));
	petrel_snprintf(vif_state_path, sizeof(vif_state_path), "%s/state",
			petrel_xenbus_nodename(dev));
	/* Netback is already in InitWait: a watch set before this probe
	 * would fire while it sleeps. */
	in_probe = 1;
	petrel_sleep_ns(PROBE_SLEEP_NS);
	in_probe = 0;
	vif = dev;
	return 0;
}

static void vif_changed(petrel_xenbus_device_t *dev, int state)
{
	(void)dev;
	if (in_probe)
		changed_during_probe++;
	if (state == STATE_INITWAIT)
		initwait_seen = 1;
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

static int failing_probe(petrel_xenbus_device_t *dev)
{
	(void)dev;
	return -EIO;
}

static struct petrel_xenbus_driver failing_driver = {
	.type = "vif",
	.probe = failing_probe,
};

/* The framework wakes waiters before it calls the driver: allow it. */
static int wait_for_initwait_callback(void)
{
	uint64_t deadline = petrel_monotonic_ns() + 5000 * MS_NS;

	while (!initwait_seen && petrel_monotonic_ns() < deadline)
		petrel_sleep_ns(10 * MS_NS);
	return initwait_seen;
}

static int probe_and_close(void)
{
	int found = petrel_xenbus_register(&vif_driver);
	int rc;

	petrel_printf("xenbus: %d vif device(s)\n", found);
	if (found != 1 || !vif)
		return 1;
	petrel_printf("xenbus: otherend_changed during probe: %d\n",
		      changed_during_probe);
	rc = petrel_xenbus_wait_otherend(vif, STATE_INITWAIT, TIMEOUT_NS);
	petrel_printf("xenbus: wait for InitWait: %d\n", rc);
	if (rc)
		return 1;
	petrel_printf("xenbus: otherend_changed saw InitWait: %s\n",
		      wait_for_initwait_callback() ? "yes" : "no");
	rc = petrel_xenbus_close(vif, TIMEOUT_NS);
	petrel_printf("xenbus: close: %d\n", rc);
	return rc || changed_during_probe || !initwait_seen;
}

static int failed_probe_closes(void)
{
	char state[16];
	int found = petrel_xenbus_register(&failing_driver);
	int rc;

	petrel_printf("xenbus: failing driver kept %d device(s)\n", found);
	rc = petrel_xenstore_read(vif_state_path, state, sizeof(state));
	if (rc < 0) {
		petrel_printf("xenbus: read %s: %d\n", vif_state_path, rc);
		return 1;
	}
	petrel_printf("xenbus: state after failed probe: %s\n", state);
	return found != 0 || state[0] != '6' || state[1];
}

int main(void)
{
	int failed = probe_and_close();

	if (!failed)
		failed = failed_probe_closes();
	return failed;
}
