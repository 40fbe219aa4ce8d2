/*
 * Suspending the domain (for xl save, xl migrate): the platform half.
 * The kernel quiesces its devices and masks events first; the platform
 * makes what it holds of Xen's safe to save, suspends, and on the way
 * back maps Xen's pages again and says where the console and xenstore
 * are now.
 */
#ifndef ARCH_SUSPEND_H
#define ARCH_SUSPEND_H

#include "arch/setup.h"

enum arch_suspend_result {
	ARCH_RESUMED_NEW_DOMAIN = 0, /* event channels and grants are gone */
	ARCH_SUSPEND_CANCELLED = 1, /* same domain, everything still valid */
};

/*
 * SCHEDOP_shutdown(SHUTDOWN_suspend), with events masked. On a resume
 * in a new domain, info's console and xenstore fields are refreshed.
 * A negative errno when the platform cannot suspend (nothing changed).
 */
int arch_suspend(struct arch_boot_info *info);

/* Grant entries name guest frames, which a migration renumbers in PV:
 * these turn them into pseudo-physical frames and back. */
unsigned long arch_gfn_to_pfn(unsigned long gfn);
unsigned long arch_pfn_to_gfn(unsigned long pfn);

/* Unmap grant-table frames [0, count) from the window: they are Xen's
 * pages, which a saved PV guest must not map. */
void arch_grant_frames_unmap(unsigned int count);

#endif
