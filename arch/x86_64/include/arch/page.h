/*
 * The linear map, the same in PV and PVH: guest page pfn is mapped at
 * virtual address pfn << PAGE_SHIFT.
 */
#ifndef ARCH_PAGE_H
#define ARCH_PAGE_H

#include "arch/layout.h"

static inline void *pfn_to_virt(unsigned long pfn)
{
	return (void *)(pfn << PAGE_SHIFT);
}

static inline unsigned long virt_to_pfn(const void *va)
{
	return (unsigned long)va >> PAGE_SHIFT;
}

#define PFN_UP(x) (((unsigned long)(x) + PAGE_SIZE - 1) >> PAGE_SHIFT)

#endif
