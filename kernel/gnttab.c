/*
 * Grant table v1. The table starts with the frames Xen gave us and grows
 * one frame at a time (arch_grant_frames_map) when
 * the free list runs dry, up to the domain's max_grant_frames.
 */
#include <stddef.h>
#include "arch/hypercall.h"
#include "arch/irq.h"
#include "arch/layout.h"
#include "arch/mm.h"
#include "arch/suspend.h"
#include "kernel/gnttab.h"
#include "kernel/gnttab_freelist.h"
#include "kernel/lib/errno.h"
#include "kernel/mm/mm.h"
#include "kernel/printk.h"

#define REFS_PER_FRAME (PAGE_SIZE / sizeof(struct grant_entry_v1))
#define MAX_FRAMES MAP_WINDOW_PAGES

static struct grant_entry_v1 *const table =
	(struct grant_entry_v1 *)MAP_WINDOW_BASE;
static struct gnttab_freelist freelist;
static unsigned int nr_frames, max_frames;
/* Free-list storage, in pages; it doubles as the table grows. */
static unsigned long storage_pages;
/* The entries across a suspend (see gnttab_suspend). */
static struct grant_entry_v1 *snapshot;
static unsigned int snapshot_frames;

#define ENTRIES_PER_PAGE (PAGE_SIZE / sizeof(uint32_t))

unsigned int gnttab_nr_frames(void)
{
	return nr_frames;
}

/* Grow the table to count frames, mapped in the window. */
static int setup_frames(unsigned int count)
{
	int rc = arch_grant_frames_map(nr_frames, count);

	if (rc < 0)
		return rc;
	nr_frames = count;
	return 0;
}

static unsigned long pages_for_frames(unsigned int frames)
{
	return (frames * REFS_PER_FRAME + ENTRIES_PER_PAGE - 1) /
	       ENTRIES_PER_PAGE;
}

/* Make room in the free list's storage for frames' worth of refs. */
static int reserve_storage(unsigned int frames)
{
	unsigned long want = pages_for_frames(frames), pages = storage_pages;
	uint32_t *old = freelist.next, *bigger;
	int rc;

	if (want <= storage_pages)
		return 0;
	while (pages < want)
		pages = pages ? pages * 2 : 1;
	bigger = alloc_pages(pages);
	if (!bigger)
		return -ENOMEM;
	rc = gnttab_freelist_move(&freelist, bigger,
				  (uint32_t)(pages * ENTRIES_PER_PAGE));
	if (rc < 0) {
		free_pages(bigger, pages);
		return rc;
	}
	if (old)
		free_pages(old, storage_pages);
	storage_pages = pages;
	return 0;
}

static int grow(void)
{
	int rc;

	if (nr_frames >= max_frames)
		return -ENOSPC;
	rc = reserve_storage(nr_frames + 1);
	if (rc < 0)
		return rc;
	rc = setup_frames(nr_frames + 1);
	if (rc < 0)
		return rc;
	return gnttab_freelist_grow(&freelist, nr_frames * REFS_PER_FRAME);
}

int gnttab_init(void)
{
	struct gnttab_query_size q = { .dom = DOMID_SELF };
	uint32_t *first;
	long rc = hypercall3(__HYPERVISOR_grant_table_op, GNTTABOP_query_size,
			     (unsigned long)&q, 1);

	if (rc < 0 || q.status != GNTST_okay)
		return rc < 0 ? xen_errno(rc) : -EIO;
	max_frames = q.max_nr_frames < MAX_FRAMES ? q.max_nr_frames :
						    MAX_FRAMES;
	rc = setup_frames(q.nr_frames ? q.nr_frames : 1);
	if (rc < 0)
		return (int)rc;
	storage_pages = pages_for_frames(nr_frames);
	first = alloc_pages(storage_pages);
	if (!first)
		return -ENOMEM;
	return gnttab_freelist_init(
		&freelist, first, (uint32_t)(storage_pages * ENTRIES_PER_PAGE),
		nr_frames * REFS_PER_FRAME, GNTTAB_NR_RESERVED_ENTRIES);
}

static long take_ref(void)
{
	unsigned long flags = arch_irq_save();
	long ref = gnttab_freelist_get(&freelist);

	arch_irq_restore(flags);
	if (ref != -ENOSPC)
		return ref;
	ref = grow();
	if (ref < 0)
		return ref;
	flags = arch_irq_save();
	ref = gnttab_freelist_get(&freelist);
	arch_irq_restore(flags);
	return ref;
}

int gnttab_grant_access(domid_t domid, const void *page, bool readonly)
{
	long ref = take_ref();
	struct grant_entry_v1 *e;

	if (ref < 0)
		return (int)ref;
	e = &table[ref];
	e->frame = (uint32_t)arch_virt_to_gfn(page);
	e->domid = domid;
	/* The frame and domid must be visible before the entry is valid. */
	__atomic_store_n(&e->flags,
			 GTF_permit_access | (readonly ? GTF_readonly : 0),
			 __ATOMIC_RELEASE);
	return (int)ref;
}

/*
 * A saved domain's grant table is Xen's, and is not saved: a restored
 * domain starts with an empty one. So the live entries are copied out
 * before the suspend, their frames made pseudo-physical (a migration
 * renumbers machine frames), and written back afterwards. Every grant a
 * driver holds stays valid across the move, under the same reference.
 */
int gnttab_suspend_prepare(void)
{
	if (snapshot)
		return 0;
	snapshot = alloc_pages(nr_frames);
	snapshot_frames = nr_frames;
	return snapshot ? 0 : -ENOMEM;
}

static bool entry_live(uint16_t flags)
{
	return (flags & GTF_type_mask) == GTF_permit_access;
}

void gnttab_suspend(void)
{
	unsigned int count = snapshot_frames * REFS_PER_FRAME;

	for (unsigned int ref = GNTTAB_NR_RESERVED_ENTRIES; ref < count;
	     ref++) {
		struct grant_entry_v1 e = table[ref];

		if (entry_live(e.flags))
			e.frame = (uint32_t)arch_gfn_to_pfn(e.frame);
		snapshot[ref] = e;
	}
	arch_grant_frames_unmap(nr_frames);
}

/* Frames and entries back; the entries only in a new domain, whose
 * table is empty (a cancelled suspend kept ours). */
int gnttab_resume(bool new_domain)
{
	unsigned int count = snapshot_frames * REFS_PER_FRAME;
	int rc = arch_grant_frames_map(0, nr_frames);

	if (rc < 0 || !new_domain)
		return rc;
	for (unsigned int ref = GNTTAB_NR_RESERVED_ENTRIES; ref < count;
	     ref++) {
		struct grant_entry_v1 e = snapshot[ref];

		if (!entry_live(e.flags))
			continue;
		table[ref].frame = (uint32_t)arch_pfn_to_gfn(e.frame);
		table[ref].domid = e.domid;
		/* Xen's reading/writing bits belonged to the old domain. */
		__atomic_store_n(&table[ref].flags,
				 e.flags & (GTF_type_mask | GTF_readonly),
				 __ATOMIC_RELEASE);
	}
	return 0;
}

void gnttab_suspend_done(void)
{
	free_pages(snapshot, snapshot_frames);
	snapshot = NULL;
}

int gnttab_end_access(grant_ref_t ref)
{
	struct grant_entry_v1 *e;
	uint16_t flags;
	unsigned long irq;
	int rc;

	if (ref < GNTTAB_NR_RESERVED_ENTRIES ||
	    ref >= nr_frames * REFS_PER_FRAME)
		return -EINVAL;
	e = &table[ref];
	flags = __atomic_load_n(&e->flags, __ATOMIC_ACQUIRE);
	do {
		if (flags & (GTF_reading | GTF_writing))
			return -EBUSY;
	} while (!__atomic_compare_exchange_n(&e->flags, &flags, 0, false,
					      __ATOMIC_SEQ_CST,
					      __ATOMIC_SEQ_CST));
	irq = arch_irq_save();
	rc = gnttab_freelist_put(&freelist, ref);
	arch_irq_restore(irq);
	return rc;
}
