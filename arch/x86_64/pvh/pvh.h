/*
 * What the PVH code shares inside arch/x86_64/pvh: control registers and
 * MSRs (we run in ring 0 here), the segment selectors of our GDT, the
 * vector Xen injects events on, and the calls between the files.
 */
#ifndef ARCH_PVH_H
#define ARCH_PVH_H

#define GDT_CODE64 0x08
#define GDT_DATA 0x10
#define GDT_TSS 0x18

/* Any free vector above the exceptions; nothing else is routed to us. */
#define PVH_EVENT_VECTOR 0xf3

#define MSR_EFER 0xc0000080
#define MSR_FS_BASE 0xc0000100

#ifndef __ASSEMBLY__
#include <stdbool.h>
#include <stdint.h>
#include "arch/mm.h"

static inline void pvh_wrmsr(uint32_t msr, uint64_t val)
{
	asm volatile("wrmsr" ::"c"(msr), "a"((uint32_t)val),
		     "d"((uint32_t)(val >> 32))
		     : "memory");
}

static inline unsigned long pvh_read_cr2(void)
{
	unsigned long cr2;

	asm volatile("mov %%cr2, %0" : "=r"(cr2));
	return cr2;
}

static inline void pvh_invlpg(unsigned long va)
{
	asm volatile("invlpg (%0)" ::"r"(va) : "memory");
}

/* Load our GDT's TSS and the IDT (cpu.c). */
void pvh_cpu_init(void);
/* The IDT and TSS's pages, mapped read-only once pvh_cpu_init is done. */
bool pvh_is_cpu_table(unsigned long va);

/*
 * Build the final page tables (mm.c) and switch to them. Pages that are
 * not RAM but must stay reachable (console and xenstore rings) are
 * mapped too, at gfn << PAGE_SHIFT.
 */
int pvh_mm_init(struct arch_memory *mem, const unsigned long *extra_gfns,
		unsigned int nr_extra);
int pvh_map_gfn(unsigned long va, unsigned long gfn);
int pvh_unmap_page(unsigned long va);

long pvh_hvm_param(unsigned int index, uint64_t *value);
long pvh_set_hvm_param(unsigned int index, uint64_t value);
int pvh_add_to_physmap(unsigned int space, unsigned long idx,
		       unsigned long gfn);

int pvh_events_init(void);
void pvh_irq_enable(void);
void pvh_block(void);
void pvh_grant_frames_place(unsigned long ram_pages);
int pvh_grant_frames_map(unsigned int from, unsigned int to);
#endif

#endif
