/*
 * The toolstack's shutdown requests. We advertise what we do
 * (control/feature-poweroff, feature-reboot: `xl shutdown` and
 * `xl reboot` then need no -F), watch control/shutdown, clear each
 * request as Linux does, and act on it: poweroff and reboot go to the
 * program's handler (libc turns them into SIGTERM, as init does on
 * Linux), suspend (xl save, xl migrate) suspends the domain here, in
 * the xenwatch thread.
 */
#include "kernel/control.h"
#include "kernel/control_request.h"
#include "kernel/lib/errno.h"
#include "kernel/printk.h"
#include "kernel/shutdown.h"
#include "kernel/suspend.h"
#include "kernel/xenstore.h"

#define SHUTDOWN_KEY "control/shutdown"
#define VALUE_MAX 32

static void (*request_handler)(void);
static struct xenstore_watch shutdown_watch;

void control_set_request_handler(void (*fn)(void))
{
	request_handler = fn;
}

static void act_on(enum control_request req, const char *value)
{
	char shown[VALUE_MAX];

	switch (req) {
	case CONTROL_NONE:
		return;
	case CONTROL_POWEROFF:
	case CONTROL_REBOOT:
		printk("petrel: the toolstack asks us to %s\n",
		       req == CONTROL_REBOOT ? "reboot" : "power off");
		kernel_set_shutdown_reason(req == CONTROL_REBOOT);
		if (!request_handler)
			kernel_exit(0);
		request_handler();
		return;
	case CONTROL_SUSPEND:
		printk("petrel: the toolstack asks us to suspend\n");
		kernel_suspend();
		return;
	case CONTROL_UNKNOWN:
		control_printable(shown, sizeof(shown), value);
		printk("petrel: control/shutdown holds an unknown request "
		       "'%s': ignored\n",
		       shown);
		return;
	}
}

static void shutdown_changed(struct xenstore_watch *w, const char *path)
{
	char value[VALUE_MAX];
	int rc;

	(void)w;
	(void)path;
	rc = xenstore_read(SHUTDOWN_KEY, value, sizeof(value));
	if (rc == -ENOENT)
		return;
	if (rc == -ERANGE) {
		/* Longer than any request: not one. */
		xenstore_write(SHUTDOWN_KEY, "");
		act_on(CONTROL_UNKNOWN, "(a value too long to show)");
		return;
	}
	if (rc < 0) {
		printk("petrel: cannot read control/shutdown (%d)\n", rc);
		return;
	}
	/* Taken: an empty value tells the toolstack we saw it. */
	if (value[0])
		xenstore_write(SHUTDOWN_KEY, "");
	act_on(control_request_parse(value), value);
}

int control_init(void)
{
	int rc = xenstore_write("control/feature-poweroff", "1");

	if (rc == 0)
		rc = xenstore_write("control/feature-reboot", "1");
	if (rc < 0)
		printk("petrel: cannot advertise shutdown support (%d)\n", rc);
	shutdown_watch.path = SHUTDOWN_KEY;
	shutdown_watch.fn = shutdown_changed;
	return xenstore_watch_add(&shutdown_watch);
}
