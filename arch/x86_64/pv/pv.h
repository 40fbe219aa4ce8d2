/*
 * What the PV code shares inside arch/x86_64/pv: the start_info page,
 * the machine<->pseudo-physical maps (with helpers to turn Xen's machine
 * frame numbers into our addresses), and the page-table calls.
 */
#ifndef ARCH_PV_H
#define ARCH_PV_H

#include <stdint.h>
#include <xen/xen.h>
#include "arch/mm.h"
#include "arch/page.h"
#include "arch/traps.h"

extern struct start_info *pv_start_info;
extern unsigned long *pv_p2m;

static inline unsigned long mfn_to_pfn(unsigned long mfn)
{
	return ((const unsigned long *)MACH2PHYS_VIRT_START)[mfn];
}

static inline unsigned long pfn_to_mfn(unsigned long pfn)
{
	return pv_p2m[pfn];
}

static inline void *mfn_to_virt(unsigned long mfn)
{
	return pfn_to_virt(mfn_to_pfn(mfn));
}

/* Page tables (mm.c): tighten and extend Xen's initial mapping. */
int pv_mm_init(struct arch_memory *mem);
int pv_map_mfn(unsigned long va, unsigned long mfn);
int pv_unmap_page(unsigned long va);
unsigned long pv_virt_to_mfn(const void *va);

int pv_traps_init(void);
unsigned long pv_fault_address(void);
int pv_events_init(void);
void pv_irq_enable(void);
void pv_block(void);
int pv_grant_frames_map(unsigned int from, unsigned int to);
int pv_boot_module(const void **start, unsigned long *len);

/* Save and restore (suspend.c, setup.c). */
struct arch_boot_info;
int pv_p2m_lists_init(struct arch_memory *mem);
void pv_p2m_lists_publish(struct shared_info *shared);
int pv_take_start_info(struct arch_boot_info *info);
void pv_release_shared_info(void);
int pv_suspend(struct arch_boot_info *info);

#endif
