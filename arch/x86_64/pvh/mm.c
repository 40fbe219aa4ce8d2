/*
 * PVH page tables. We run in ring 0 on page tables of our own, which Xen
 * does not validate: plain memory writes and invlpg. The boot tables of
 * pvh/head.S map the low 4 GiB RWX; here we build the final ones with
 * the PV layout (all RAM at pfn << PAGE_SHIFT, text RX, rodata R,
 * data RW+NX, page 0 and guard pages unmapped) plus the grant window,
 * and switch to them. Table pages come from the boot bump allocator and
 * are RAM in the linear map, so a table's address is also its pointer.
 */
#include <stddef.h>
#include "arch/layout.h"
#include "arch/page.h"
#include "arch/platform.h"
#include "arch/pte.h"
#include "kernel/lib/errno.h"
#include "kernel/lib/string.h"
#include "pvh.h"

/* Ring 0: no user bit anywhere. */
#define PVH_TABLE (PTE_P | PTE_RW | PTE_A)
#define PVH_TEXT (PTE_P | PTE_A)
#define PVH_RODATA (PTE_P | PTE_A | PTE_NX)
#define PVH_DATA (PTE_P | PTE_RW | PTE_A | PTE_D | PTE_NX)

static uint64_t *pml4;
/* Set while the tables are built: only then may new tables be made. */
static struct arch_memory *building;

static uint64_t *table_new(void)
{
	uint64_t *page;

	if (!building)
		return NULL;
	page = pfn_to_virt(arch_mm_boot_alloc_pfn(building));
	memset(page, 0, PAGE_SIZE);
	return page;
}

static int pte_of(unsigned long va, uint64_t **out)
{
	uint64_t *table = pml4;

	for (int level = 4; level > 1; level--) {
		uint64_t *entry = &table[pt_index(va, level)];

		if (!(*entry & PTE_P)) {
			uint64_t *fresh = table_new();

			if (!fresh)
				return -ENOMEM;
			*entry = (uint64_t)fresh | PVH_TABLE;
		}
		table = (uint64_t *)(*entry & PTE_ADDR_MASK);
	}
	*out = &table[pt_index(va, 1)];
	return 0;
}

static uint64_t linear_pte(unsigned long pfn)
{
	uint64_t frame = (uint64_t)pfn << PAGE_SHIFT;

	if (pvh_is_cpu_table(pfn << PAGE_SHIFT))
		return frame | PVH_RODATA;
	switch (arch_page_kind(pfn << PAGE_SHIFT)) {
	case PAGE_NONE:
		return 0;
	case PAGE_TEXT:
		return frame | PVH_TEXT;
	case PAGE_RODATA:
		return frame | PVH_RODATA;
	default:
		return frame | PVH_DATA;
	}
}

static int set_pte(unsigned long va, uint64_t val)
{
	uint64_t *pte;
	int rc = pte_of(va, &pte);

	if (rc < 0)
		return rc;
	*pte = val;
	return 0;
}

int pvh_mm_init(struct arch_memory *mem, const unsigned long *extra_gfns,
		unsigned int nr_extra)
{
	int rc = 0;

	building = mem;
	pml4 = table_new();
	for (unsigned long pfn = 0; pfn < mem->nr_pages && !rc; pfn++)
		rc = set_pte(pfn << PAGE_SHIFT, linear_pte(pfn));
	/* Tables for the grant window now, so mapping there never allocates. */
	for (unsigned long i = 0; i < MAP_WINDOW_PAGES && !rc; i++)
		rc = set_pte(MAP_WINDOW_BASE + i * PAGE_SIZE, 0);
	for (unsigned int i = 0; i < nr_extra && !rc; i++)
		rc = set_pte(extra_gfns[i] << PAGE_SHIFT,
			     (uint64_t)extra_gfns[i] << PAGE_SHIFT | PVH_DATA);
	building = NULL;
	if (rc < 0)
		return rc;
	asm volatile("mov %0, %%cr3" ::"r"(pml4) : "memory");
	return 0;
}

int pvh_map_gfn(unsigned long va, unsigned long gfn)
{
	int rc = set_pte(va, (uint64_t)gfn << PAGE_SHIFT | PVH_DATA);

	if (rc == 0)
		pvh_invlpg(va);
	return rc;
}

int pvh_unmap_page(unsigned long va)
{
	int rc = set_pte(va, 0);

	if (rc == 0)
		pvh_invlpg(va);
	return rc;
}
