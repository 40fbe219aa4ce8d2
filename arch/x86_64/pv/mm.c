/*
 * PV page tables. Xen's initial mapping covers the image and the boot
 * structures with everything read-write and executable. We tighten it:
 * text RX, rodata R, data/heap RW+NX, page 0 and guard pages unmapped,
 * and extend it so all guest memory is mapped at pfn << PAGE_SHIFT.
 *
 * Page-table pages are owned by Xen's validation: they must be mapped
 * read-only before they are hooked in, and changes go via mmu_update.
 */
#include <stddef.h>
#include <xen/xen.h>
#include "arch/hypercall.h"
#include "arch/mm.h"
#include "arch/platform.h"
#include "arch/pte.h"
#include "kernel/lib/errno.h"
#include "kernel/lib/string.h"
#include "pv.h"

extern char _end[];

#define BATCH_MAX 128

struct pt_batch {
	mmu_update_t req[BATCH_MAX];
	unsigned int n;
};

static uint64_t *table_of(uint64_t entry)
{
	return mfn_to_virt(pte_mfn(entry));
}

static uint64_t machine_addr_of(const void *p)
{
	unsigned long va = (unsigned long)p;

	return ((uint64_t)pfn_to_mfn(va >> PAGE_SHIFT) << PAGE_SHIFT) |
	       (va & (PAGE_SIZE - 1));
}

static int batch_flush(struct pt_batch *b)
{
	unsigned int done = 0;
	long rc;

	if (!b->n)
		return 0;
	rc = hyp_mmu_update(b->req, b->n, &done);
	b->n = 0;
	return rc < 0 ? xen_errno(rc) : 0;
}

static int batch_set(struct pt_batch *b, uint64_t *entry, uint64_t val)
{
	b->req[b->n].ptr = machine_addr_of(entry) | MMU_NORMAL_PT_UPDATE;
	b->req[b->n].val = val;
	if (++b->n == BATCH_MAX)
		return batch_flush(b);
	return 0;
}

/*
 * A new table page: fill it while it is still writable, then drop our
 * write access (Xen refuses writable page tables), then hook it in.
 */
static int table_create(struct arch_memory *mem, uint64_t *parent,
			const uint64_t *fill)
{
	unsigned long pfn = arch_mm_boot_alloc_pfn(mem);
	uint64_t *page = pfn_to_virt(pfn);
	uint64_t mfn = pfn_to_mfn(pfn);
	struct pt_batch one = { .n = 0 };
	long rc;

	if (fill)
		memcpy(page, fill, PAGE_SIZE);
	else
		memset(page, 0, PAGE_SIZE);
	rc = hyp_update_va_mapping((unsigned long)page,
				   (mfn << PAGE_SHIFT) | PTE_RODATA,
				   UVMF_INVLPG);
	if (rc < 0)
		return xen_errno(rc);
	batch_set(&one, parent, (mfn << PAGE_SHIFT) | PTE_TABLE);
	return batch_flush(&one);
}

/* Scratch for prefilling a new L1 table before it becomes read-only. */
static uint64_t l1_fill[PT_ENTRIES] __attribute__((aligned(PAGE_SIZE)));

static void l1_prefill(unsigned long va, unsigned long nr_pages)
{
	unsigned long pfn = va >> PAGE_SHIFT;

	for (unsigned int i = 0; i < PT_ENTRIES; i++, pfn++)
		l1_fill[i] = pfn < nr_pages ?
				     ((uint64_t)pfn_to_mfn(pfn) << PAGE_SHIFT) |
					     PTE_DATA :
				     0;
}

/* Return the L1 entry for va, creating missing tables on the way. */
static int l1_entry(struct arch_memory *mem, struct pt_batch *pending,
		    unsigned long va, uint64_t **out)
{
	uint64_t *table = (uint64_t *)pv_start_info->pt_base;
	int rc;

	for (int level = 4; level > 1; level--) {
		uint64_t *entry = &table[pt_index(va, level)];

		if (!(*entry & PTE_P)) {
			const uint64_t *fill = NULL;

			/* Table creation remaps a page: settle queued updates. */
			rc = batch_flush(pending);
			if (rc < 0)
				return rc;
			if (level == 2) {
				l1_prefill(va & ~((1UL << 21) - 1),
					   mem->nr_pages);
				fill = l1_fill;
			}
			rc = table_create(mem, entry, fill);
			if (rc < 0)
				return rc;
		}
		table = table_of(*entry);
	}
	*out = &table[pt_index(va, 1)];
	return 0;
}

/* The entry a page should have, keeping the frame it already maps. */
static uint64_t wanted_pte(unsigned long va, uint64_t old, unsigned long pfn)
{
	uint64_t frame = old & PTE_P ? old & PTE_ADDR_MASK :
				       (uint64_t)pfn_to_mfn(pfn) << PAGE_SHIFT;

	switch (arch_page_kind(va)) {
	case PAGE_NONE:
		return 0;
	case PAGE_TEXT:
		return frame | PTE_TEXT;
	case PAGE_RODATA:
		return frame | PTE_RODATA;
	default:
		break;
	}
	/* Boot structures past the image: keep Xen's RO/RW choice. */
	if (old & PTE_P && va >= (unsigned long)_end)
		return old | PTE_NX;
	return frame | PTE_DATA;
}

static int map_window_init(struct arch_memory *mem)
{
	struct pt_batch none = { .n = 0 };

	for (unsigned long i = 0; i < MAP_WINDOW_PAGES; i++) {
		uint64_t *pte;
		int rc = l1_entry(mem, &none, MAP_WINDOW_BASE + i * PAGE_SIZE,
				  &pte);

		if (rc < 0)
			return rc;
	}
	return 0;
}

int pv_mm_init(struct arch_memory *mem)
{
	static struct pt_batch batch;
	struct mmuext_op flush = { .cmd = MMUEXT_TLB_FLUSH_LOCAL };
	int rc;

	batch.n = 0;
	for (unsigned long pfn = 0; pfn < mem->nr_pages; pfn++) {
		unsigned long va = pfn << PAGE_SHIFT;
		uint64_t *pte;
		uint64_t want;

		rc = l1_entry(mem, &batch, va, &pte);
		if (rc < 0)
			return rc;
		want = wanted_pte(va, *pte, pfn);
		if (want != *pte) {
			rc = batch_set(&batch, pte, want);
			if (rc < 0)
				return rc;
		}
	}
	rc = batch_flush(&batch);
	if (rc < 0)
		return rc;
	rc = map_window_init(mem);
	if (rc < 0)
		return rc;
	return xen_errno(hyp_mmuext_op(&flush, 1));
}

int pv_unmap_page(unsigned long va)
{
	return xen_errno(hyp_update_va_mapping(va, 0, UVMF_INVLPG));
}

int pv_map_mfn(unsigned long va, unsigned long mfn)
{
	return xen_errno(hyp_update_va_mapping(
		va, ((uint64_t)mfn << PAGE_SHIFT) | PTE_DATA, UVMF_INVLPG));
}

unsigned long pv_virt_to_mfn(const void *va)
{
	return pfn_to_mfn(virt_to_pfn(va));
}
