/*
 * mmu_update, update_va_mapping and mmuext_op (hypercalls 1, 14, 26):
 * the PV page-table ABI Petrel's memory setup and W^X protections are
 * built on. The central rule of PV memory safety: a frame in use as a
 * page table may never be mapped writable. Pins (xen/arch/x86/mm.c,
 * 4.17): mapping a page read-only, pinning it as an L1 table and
 * unpinning it succeed; while it is pinned, update_va_mapping back to
 * writable is refused with -EBUSY (get_page_from_l1e cannot take the
 * writable type); an mmu_update of an unknown request type and an
 * unknown mmuext command are -ENOSYS. PV only: PVH has no PV MMU.
 */
#include <string.h>
#include <petrel/xen.h>
#include "conformance.h"

/* Page-table entry bits, as Petrel maps its heap (arch/x86_64/pte.h). */
#define PTE_P 0x1UL
#define PTE_RW 0x2UL
#define PTE_US 0x4UL
#define PTE_A 0x20UL
#define PTE_D 0x40UL
#define PTE_NX (1UL << 63)
#define HEAP_RO (PTE_P | PTE_US | PTE_A | PTE_NX)
#define HEAP_RW (HEAP_RO | PTE_RW | PTE_D)

static long map(void *va, unsigned long frame, unsigned long flags)
{
	return HC3(__HYPERVISOR_update_va_mapping, va, (frame << 12) | flags,
		   UVMF_INVLPG | UVMF_LOCAL);
}

static long mmuext(unsigned int cmd, unsigned long frame)
{
	struct mmuext_op op = { .cmd = cmd, .arg1.mfn = frame };

	return HC4(__HYPERVISOR_mmuext_op, &op, 1, 0, DOMID_SELF);
}

static void pinned_table_stays_read_only(void *page)
{
	unsigned long frame = petrel_virt_to_frame(page);

	if (!PETREL_CHECK_EQ(map(page, frame, HEAP_RO), 0))
		return;
	if (PETREL_CHECK_EQ(mmuext(MMUEXT_PIN_L1_TABLE, frame), 0)) {
		PETREL_CHECK_EQ(map(page, frame, HEAP_RW), -XEN_EBUSY);
		PETREL_CHECK_EQ(mmuext(MMUEXT_UNPIN_TABLE, frame), 0);
	}
	/* Writable again once it is no longer a page table. */
	PETREL_CHECK_EQ(map(page, frame, HEAP_RW), 0);
}

PETREL_TEST(mmu_op, "PV MMU: a pinned page table cannot be mapped "
		    "writable; bad mmu_update and mmuext_op commands")
{
	mmu_update_t bad = { .ptr = 7, .val = 0 };
	unsigned int done = 0;
	struct mmuext_op op = { .cmd = 0x7fff };
	char *page;

	if (!petrel_test_is_pv()) {
		petrel_test_skip("the PV MMU hypercalls exist only in PV");
		return;
	}
	page = petrel_alloc_pages(1);
	if (!page) {
		petrel_test_error("no page for the test");
		return;
	}
	memset(page, 0, 4096); /* an empty, valid L1 table */
	pinned_table_stays_read_only(page);
	page[0] = 1; /* and writable it really is */
	petrel_free_pages(page, 1);

	PETREL_CHECK_EQ(HC4(__HYPERVISOR_mmu_update, &bad, 1, &done,
			    DOMID_SELF),
			-XEN_ENOSYS);
	PETREL_CHECK_EQ(HC4(__HYPERVISOR_mmuext_op, &op, 1, 0, DOMID_SELF),
			-XEN_ENOSYS);
}
