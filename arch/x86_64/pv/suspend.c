/*
 * PV save and restore. The toolstack saves a PV guest by rewriting every
 * machine frame number it holds as a pseudo-physical one, and restores
 * it into new machine frames. So:
 *  - it must find our p2m: we publish a three-level list of the frames
 *    holding it (a frame-list-list page naming frame-list pages naming
 *    p2m pages) in shared_info, at boot and again after each resume;
 *  - before we suspend, nothing may name a frame that is not ours:
 *    start_info's xenstore and console frames become pfns (the restorer
 *    turns them back into machine frames), and Xen's shared_info page is
 *    unmapped (the grant frames go too: see gnttab_suspend).
 */
#include <stddef.h>
#include "arch/hypercall.h"
#include "arch/layout.h"
#include "arch/suspend.h"
#include "kernel/lib/errno.h"
#include "pv.h"

#define ENTRIES (PAGE_SIZE / sizeof(unsigned long))

static unsigned long *frame_list_list, *frame_lists;
static unsigned long nr_p2m_frames, nr_frame_lists, p2m_entries;

/* Pages for the lists, from the boot allocator (contiguous). */
int pv_p2m_lists_init(struct arch_memory *mem)
{
	p2m_entries = mem->nr_pages;
	nr_p2m_frames = (p2m_entries + ENTRIES - 1) / ENTRIES;
	nr_frame_lists = (nr_p2m_frames + ENTRIES - 1) / ENTRIES;
	if (nr_frame_lists > ENTRIES)
		return -E2BIG;
	frame_list_list = pfn_to_virt(arch_mm_boot_alloc_pfn(mem));
	frame_lists = pfn_to_virt(arch_mm_boot_alloc_pfn(mem));
	for (unsigned long i = 1; i < nr_frame_lists; i++)
		arch_mm_boot_alloc_pfn(mem);
	return 0;
}

/* Machine frames change with every restore: list them afresh. */
void pv_p2m_lists_publish(struct shared_info *shared)
{
	for (unsigned long i = 0; i < nr_frame_lists * ENTRIES; i++)
		frame_lists[i] = i < nr_p2m_frames ?
					 pv_virt_to_mfn(&pv_p2m[i * ENTRIES]) :
					 0;
	for (unsigned long i = 0; i < ENTRIES; i++)
		frame_list_list[i] =
			i < nr_frame_lists ?
				pv_virt_to_mfn(&frame_lists[i * ENTRIES]) :
				0;
	shared->arch.max_pfn = p2m_entries;
	/* The list must be whole before the toolstack can see it. */
	__atomic_thread_fence(__ATOMIC_RELEASE);
	shared->arch.pfn_to_mfn_frame_list_list =
		pv_virt_to_mfn(frame_list_list);
}

static void canonicalise_start_info(struct start_info *si)
{
	si->store_mfn = mfn_to_pfn(si->store_mfn);
	si->console.domU.mfn = mfn_to_pfn(si->console.domU.mfn);
}

static void localise_start_info(struct start_info *si)
{
	si->store_mfn = pfn_to_mfn(si->store_mfn);
	si->console.domU.mfn = pfn_to_mfn(si->console.domU.mfn);
}

int pv_suspend(struct arch_boot_info *info)
{
	struct start_info *si = pv_start_info;
	struct sched_shutdown op = { .reason = SHUTDOWN_suspend };
	long rc;

	canonicalise_start_info(si);
	pv_release_shared_info();
	/* The third argument names start_info, by machine frame; the
	 * toolstack finds our xenstore and console pages through it. */
	rc = hypercall3(__HYPERVISOR_sched_op, SCHEDOP_shutdown,
			(unsigned long)&op, pv_virt_to_mfn(si));
	if (rc != 0) {
		/* Cancelled (1), or refused: the same domain goes on, and
		 * start_info was left as we made it. */
		localise_start_info(si);
		pv_take_start_info(info);
		return rc < 0 ? xen_errno(rc) : ARCH_SUSPEND_CANCELLED;
	}
	/* The restorer rewrote start_info: new shared_info, rings' frames
	 * and event channels. */
	return pv_take_start_info(info) < 0 ? -EIO : ARCH_RESUMED_NEW_DOMAIN;
}
