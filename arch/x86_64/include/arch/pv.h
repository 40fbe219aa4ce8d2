/*
 * What the PV boot path learns about the domain and hands to the
 * kernel: the start_info copy, the machine<->pseudo-physical maps, and
 * helpers to turn Xen's machine frame numbers into our addresses.
 */
#ifndef ARCH_PV_H
#define ARCH_PV_H

#include <stdint.h>
#include <xen/xen.h>
#include "arch/layout.h"

extern struct start_info *pv_start_info;
extern struct shared_info *pv_shared_info;
extern unsigned long *pv_p2m;

static inline unsigned long mfn_to_pfn(unsigned long mfn)
{
	return ((const unsigned long *)MACH2PHYS_VIRT_START)[mfn];
}

static inline unsigned long pfn_to_mfn(unsigned long pfn)
{
	return pv_p2m[pfn];
}

static inline void *pfn_to_virt(unsigned long pfn)
{
	return (void *)(pfn << PAGE_SHIFT);
}

static inline unsigned long virt_to_pfn(const void *va)
{
	return (unsigned long)va >> PAGE_SHIFT;
}

static inline void *mfn_to_virt(unsigned long mfn)
{
	return pfn_to_virt(mfn_to_pfn(mfn));
}

#endif
