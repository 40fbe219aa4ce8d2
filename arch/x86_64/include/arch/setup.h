/*
 * What the architecture layer hands the kernel after early setup. The
 * kernel never looks at start_info or HVM params itself, so the same
 * kernel code serves PV and PVH.
 */
#ifndef ARCH_SETUP_H
#define ARCH_SETUP_H

#include <stdint.h>
#include <xen/xen.h>
#include <xen/event_channel.h>
#include <xen/io/console.h>
#include <xen/io/xs_wire.h>
#include "arch/mm.h"
#include "arch/traps.h"

struct arch_boot_info {
	struct arch_memory mem;
	const char *cmdline;
	const char *mode; /* "PV" or "PVH" */
	struct shared_info *shared_info;
	struct xencons_interface *console;
	evtchn_port_t console_evtchn;
	struct xenstore_domain_interface *xenstore;
	evtchn_port_t xenstore_evtchn;
};

/* Early platform setup: traps, page tables, shared_info. */
int arch_setup(void *boot_arg, struct arch_boot_info *info,
	       trap_fatal_fn on_fatal);

/* The boot module (a ramdisk) the domain was given: 1 with its bytes,
 * or 0 when there is none. */
int arch_boot_module(const void **start, unsigned long *len);

/* Whether va lies in an unmapped guard page (for "stack overflow"). */
int arch_is_guard_page(unsigned long va);

#endif
