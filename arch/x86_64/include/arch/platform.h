/*
 * What differs between PV and PVH, as one table of operations. The entry
 * point Xen used (pv/head.S or pvh/head.S) picks the table before any C
 * runs, so one image boots in either mode. Only arch/x86_64 looks at the
 * table; the kernel calls the arch_* functions of the other headers.
 */
#ifndef ARCH_PLATFORM_H
#define ARCH_PLATFORM_H

#include <stdbool.h>
#include "arch/setup.h"

struct arch_platform {
	const char *name; /* "PV" or "PVH", for the boot log */
	/* Events are masked with RFLAGS.IF (PVH) rather than vcpu_info. */
	bool irq_by_flag;
	int (*setup)(void *boot_arg, struct arch_boot_info *info);
	/* Map guest frame gfn at va, read-write, no execute. */
	int (*map_gfn)(unsigned long va, unsigned long gfn);
	int (*unmap_page)(unsigned long va);
	unsigned long (*virt_to_gfn)(const void *va);
	int (*set_tls_base)(unsigned long base);
	int (*events_init)(void);
	void (*irq_enable)(void);
	void (*block)(void);
	int (*grant_frames_map)(unsigned int from, unsigned int to);
	/* The faulting address of the page fault being handled. */
	unsigned long (*fault_address)(void);
	int (*boot_module)(const void **start, unsigned long *len);
	/* See arch/suspend.h. */
	int (*suspend)(struct arch_boot_info *info);
	/* NULL where the frames live in our physical space (PVH). */
	void (*grant_frames_unmap)(unsigned int count);
	unsigned long (*gfn_to_pfn)(unsigned long gfn);
	unsigned long (*pfn_to_gfn)(unsigned long pfn);
};

extern const struct arch_platform *arch_platform;
extern const struct arch_platform pv_platform, pvh_platform;

/* Bytes of guest memory in the linear map, once setup has run. */
extern unsigned long arch_mem_end;

/* Event upcall, and the fatal-exception hook, for the entry code. */
void arch_event_upcall(void);
void arch_traps_set_fatal(trap_fatal_fn on_fatal);

/* Which permissions a page of the linear map gets, by what it holds. */
enum arch_page_kind {
	PAGE_NONE, /* page 0 and guard pages: unmapped */
	PAGE_TEXT,
	PAGE_RODATA,
	PAGE_DATA, /* data, bss, heap and boot structures */
};

enum arch_page_kind arch_page_kind(unsigned long va);

#endif
