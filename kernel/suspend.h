/*
 * Suspend and resume of the whole domain (xl save, restore, migrate).
 * Devices take part through hooks: each is quiesced before the suspend,
 * and resumed after it, in a new domain (reconnect to the new backend,
 * re-issue what was in flight) or in the same one (a cancelled suspend:
 * simply go on).
 */
#ifndef KERNEL_SUSPEND_H
#define KERNEL_SUSPEND_H

#include <stdbool.h>
#include "kernel/wait_list.h"

struct suspend_hook {
	/* Stop putting requests on rings; may sleep, must not wait for
	 * the backend (it may already be gone). */
	void (*quiesce)(struct suspend_hook *h);
	/* Runs in a thread of its own, after the core is back: may sleep
	 * and use xenstore. */
	void (*resume)(struct suspend_hook *h, bool new_domain);
	/* Private. */
	struct list_head link;
};

void suspend_hook_add(struct suspend_hook *h);
/* A hook's device could not come back (rc): say so, and why. */
void suspend_say_lost(const char *driver, const char *device, int rc);
void suspend_hook_remove(struct suspend_hook *h);

/*
 * Suspend now, in thread context (the xenwatch thread, when the
 * toolstack asks). Returns 1 once resumed in a new domain, 0 after a
 * cancelled suspend, or a negative errno when nothing was suspended.
 * The devices finish resuming in the background.
 */
int kernel_suspend(void);

#endif
