/*
 * The arch_* calls the kernel makes, routed to the PV or PVH code by the
 * table the entry point chose (see arch/platform.h), and the layout facts
 * both modes share: which pages are text, rodata, data or guards.
 */
#include <stddef.h>
#include "arch/irq.h"
#include "arch/layout.h"
#include "arch/mm.h"
#include "arch/platform.h"
#include "arch/setup.h"
#include "arch/suspend.h"
#include "arch/thread.h"
#include "kernel/lib/errno.h"

/* Written by the entry code (pv/head.S, pvh/head.S) before any C runs. */
const struct arch_platform *arch_platform;
struct shared_info *arch_shared;
struct vcpu_info *arch_vcpu;
unsigned long arch_mem_end;

extern char _text[], _etext[], _erodata[], _end[];
extern char boot_stack_guard[];

int arch_setup(void *boot_arg, struct arch_boot_info *info,
	       trap_fatal_fn on_fatal)
{
	int rc;

	arch_traps_set_fatal(on_fatal);
	rc = arch_platform->setup(boot_arg, info);
	if (rc < 0)
		return rc;
	info->mode = arch_platform->name;
	arch_mem_end = info->mem.nr_pages << PAGE_SHIFT;
	arch_shared = info->shared_info;
	/* One vCPU, whose vcpu_info stays where Xen first put it. */
	arch_vcpu = &arch_shared->vcpu_info[0];
	return 0;
}

unsigned long arch_mm_boot_alloc_pfn(struct arch_memory *mem)
{
	return mem->first_free_pfn++;
}

static int in_range(unsigned long va, const char *start, const char *end)
{
	return va >= (unsigned long)start && va < (unsigned long)end;
}

enum arch_page_kind arch_page_kind(unsigned long va)
{
	if (arch_is_guard_page(va))
		return PAGE_NONE;
	if (in_range(va, _text, _etext))
		return PAGE_TEXT;
	if (in_range(va, _etext, _erodata))
		return PAGE_RODATA;
	return PAGE_DATA;
}

int arch_is_guard_page(unsigned long va)
{
	unsigned long page = va & ~(unsigned long)(PAGE_SIZE - 1);

	return va < KERNEL_START || page == (unsigned long)boot_stack_guard;
}

int arch_unmap_page(unsigned long va)
{
	return arch_platform->unmap_page(va);
}

int arch_remap_page(unsigned long va)
{
	return arch_platform->map_gfn(va, arch_virt_to_gfn((const void *)va));
}

unsigned long arch_virt_to_gfn(const void *va)
{
	return arch_platform->virt_to_gfn(va);
}

int arch_grant_frames_map(unsigned int from, unsigned int to)
{
	/* The window bounds the table in both modes. */
	if (to > MAP_WINDOW_PAGES)
		return -ENOSPC;
	return arch_platform->grant_frames_map(from, to);
}

void arch_grant_frames_unmap(unsigned int count)
{
	if (arch_platform->grant_frames_unmap)
		arch_platform->grant_frames_unmap(count);
}

int arch_suspend(struct arch_boot_info *info)
{
	int rc = arch_platform->suspend(info);

	/* Xen's shared_info may have moved, and our vcpu_info with it. */
	if (info->shared_info) {
		arch_shared = info->shared_info;
		arch_vcpu = &arch_shared->vcpu_info[0];
	}
	return rc;
}

unsigned long arch_gfn_to_pfn(unsigned long gfn)
{
	return arch_platform->gfn_to_pfn(gfn);
}

unsigned long arch_pfn_to_gfn(unsigned long pfn)
{
	return arch_platform->pfn_to_gfn(pfn);
}

int arch_set_tls_base(unsigned long base)
{
	return arch_platform->set_tls_base(base);
}

int arch_boot_module(const void **start, unsigned long *len)
{
	return arch_platform->boot_module(start, len);
}

static arch_event_fn event_fn;

void arch_event_upcall(void)
{
	if (event_fn)
		event_fn();
}

int arch_events_init(arch_event_fn fn)
{
	event_fn = fn;
	return arch_platform->events_init();
}

void arch_irq_enable(void)
{
	arch_platform->irq_enable();
}

void arch_block(void)
{
	arch_platform->block();
}
