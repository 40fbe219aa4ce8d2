/*
 * The order of a suspend. Devices stop first, while xenstore still
 * works. Then xenstore is held idle and, with events masked, the grant
 * table is copied out and the platform suspends. On the way back the
 * core comes up in dependency order (event channels, grants, timer,
 * console, xenstore, xenbus paths), and only then the devices, in a
 * thread of their own: reconnecting waits on the backends, whose state
 * changes arrive in the xenwatch thread this runs in.
 */
#include "arch/irq.h"
#include "arch/suspend.h"
#include "kernel/console.h"
#include "kernel/evtchn.h"
#include "kernel/gnttab.h"
#include "kernel/lib/errno.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/suspend.h"
#include "kernel/time.h"
#include "kernel/xenbus.h"
#include "kernel/xenstore.h"

static struct list_head hooks = { &hooks, &hooks };
static bool resuming_new_domain;
/* The devices of the last resume are still reconnecting. */
static bool devices_resuming;

void suspend_hook_add(struct suspend_hook *h)
{
	unsigned long flags = arch_irq_save();

	list_add_tail(&h->link, &hooks);
	arch_irq_restore(flags);
}

void suspend_hook_remove(struct suspend_hook *h)
{
	unsigned long flags = arch_irq_save();

	list_del(&h->link);
	arch_irq_restore(flags);
}

void suspend_say_lost(const char *driver, const char *device, int rc)
{
	printk("petrel: %s: %s: cannot reconnect after resume (%d)%s, device "
	       "stopped\n",
	       driver, device, rc,
	       rc == -EPROTO ? ": the new backend's terms differ" : "");
}

static void *resume_devices(void *unused)
{
	struct list_head *pos, *tmp;

	(void)unused;
	/* A hook may remove itself (a device that could not come back). */
	list_for_each_safe(pos, tmp, &hooks) {
		struct suspend_hook *h =
			container_of(pos, struct suspend_hook, link);

		h->resume(h, resuming_new_domain);
	}
	printk("petrel: devices resumed\n");
	devices_resuming = false;
	return NULL;
}

/* The core in a new domain: nothing of the old one's Xen state is left.
 * Events are masked; a failure here leaves no way to go on. */
static void core_resume(struct arch_boot_info *info)
{
	int rc = evtchn_resume();

	if (!rc)
		rc = gnttab_resume(true);
	if (!rc)
		rc = time_resume();
	if (!rc)
		rc = console_resume(info->console, info->console_evtchn);
	if (!rc)
		rc = xenstore_resume(info->xenstore, info->xenstore_evtchn);
	if (rc < 0)
		panic("resume in the new domain failed (%d)", rc);
}

/* Masked events throughout: no upcall may touch a half-moved state. */
static int suspend_masked(void)
{
	struct arch_boot_info info = { 0 };
	unsigned long flags = arch_irq_save();
	int rc;

	gnttab_suspend();
	rc = arch_suspend(&info);
	if (rc == ARCH_RESUMED_NEW_DOMAIN)
		core_resume(&info);
	else if (gnttab_resume(false) < 0)
		panic("grant table lost after a cancelled suspend");
	arch_irq_restore(flags);
	return rc;
}

int kernel_suspend(void)
{
	struct list_head *pos;
	bool new_domain;
	int rc;

	/* A device half reconnected cannot be quiesced: let it finish. */
	while (devices_resuming)
		thread_sleep_ns(10 * NSEC_PER_MSEC);
	rc = gnttab_suspend_prepare();
	if (rc < 0)
		return rc;
	list_for_each(pos, &hooks) {
		struct suspend_hook *h =
			container_of(pos, struct suspend_hook, link);

		h->quiesce(h);
	}
	printk("petrel: suspending\n");
	console_flush();
	xenstore_suspend();
	rc = suspend_masked();
	new_domain = rc == ARCH_RESUMED_NEW_DOMAIN;
	xenstore_suspend_done(new_domain);
	gnttab_suspend_done();
	if (new_domain)
		xenbus_resume();
	if (rc < 0)
		printk("petrel: suspend refused (%d)\n", rc);
	else
		printk("petrel: %s\n", new_domain ? "resumed in a new domain" :
						    "suspend cancelled");
	resuming_new_domain = new_domain;
	devices_resuming = true;
	/* Even a refused suspend quiesced the devices: let them go on. */
	if (thread_create(NULL, "resume", resume_devices, NULL) < 0)
		panic("cannot start the device resume thread");
	return rc < 0 ? rc : new_domain;
}
