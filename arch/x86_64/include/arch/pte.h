/* x86_64 4-level page-table entry bits and index helpers. */
#ifndef ARCH_PTE_H
#define ARCH_PTE_H

#include <stdint.h>

#define PTE_P (1ULL << 0)
#define PTE_RW (1ULL << 1)
#define PTE_US (1ULL << 2)
#define PTE_A (1ULL << 5)
#define PTE_D (1ULL << 6)
#define PTE_NX (1ULL << 63)
#define PTE_ADDR_MASK 0x000ffffffffff000ULL

/* PV kernels run in ring 3, so every level needs the user bit. */
#define PTE_TABLE (PTE_P | PTE_RW | PTE_US | PTE_A)
#define PTE_TEXT (PTE_P | PTE_US | PTE_A)
#define PTE_RODATA (PTE_P | PTE_US | PTE_A | PTE_NX)
#define PTE_DATA (PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D | PTE_NX)

#define PT_ENTRIES 512

static inline unsigned int pt_index(unsigned long va, int level)
{
	return (va >> (12 + 9 * (level - 1))) & (PT_ENTRIES - 1);
}

static inline unsigned long pte_mfn(uint64_t pte)
{
	return (pte & PTE_ADDR_MASK) >> 12;
}

#endif
