/*
 * PV early setup: find where free memory starts after the structures
 * the domain builder placed, install traps, tighten the page tables and
 * map shared_info. Also the PV entry in the platform table.
 */
#include <stddef.h>
#include "arch/hypercall.h"
#include "arch/irq.h"
#include "arch/layout.h"
#include "arch/platform.h"
#include "kernel/lib/errno.h"
#include "pv.h"

struct start_info *pv_start_info;
unsigned long *pv_p2m;

extern char _end[];

static char shared_info_page[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

static unsigned long max_ul(unsigned long a, unsigned long b)
{
	return a > b ? a : b;
}

/*
 * The builder lays out: image, [module], p2m, start_info, xenstore and
 * console pages, page tables, then one boot stack page. Take the end of
 * whichever comes last, plus the boot stack page.
 */
static unsigned long first_free_pfn(const struct start_info *si)
{
	unsigned long end = PFN_UP(_end);

	end = max_ul(end, PFN_UP(si->pt_base) + si->nr_pt_frames);
	end = max_ul(end, PFN_UP(si->mfn_list + si->nr_pages * 8));
	end = max_ul(end, PFN_UP((unsigned long)si + sizeof(*si)));
	end = max_ul(end, mfn_to_pfn(si->store_mfn) + 1);
	end = max_ul(end, mfn_to_pfn(si->console.domU.mfn) + 1);
	if (si->mod_len && !(si->flags & SIF_MOD_START_PFN))
		end = max_ul(end, PFN_UP(si->mod_start + si->mod_len));
	if (si->nr_p2m_frames)
		end = max_ul(end, si->first_p2m_pfn + si->nr_p2m_frames);
	return end + 1;
}

static int pv_setup(void *boot_arg, struct arch_boot_info *info)
{
	struct start_info *si = boot_arg;
	int rc;

	pv_start_info = si;
	pv_p2m = (unsigned long *)si->mfn_list;
	rc = pv_traps_init();
	if (rc < 0)
		return rc;

	info->mem.nr_pages = si->nr_pages;
	info->mem.first_free_pfn = first_free_pfn(si);
	rc = pv_mm_init(&info->mem);
	if (rc < 0)
		return rc;

	rc = pv_p2m_lists_init(&info->mem);
	if (rc < 0)
		return rc;
	info->cmdline = (const char *)si->cmd_line;
	return pv_take_start_info(info);
}

/* What start_info says of Xen's pages: at boot, and after a resume. */
int pv_take_start_info(struct arch_boot_info *info)
{
	struct start_info *si = pv_start_info;
	int rc = pv_map_mfn((unsigned long)shared_info_page,
			    si->shared_info >> PAGE_SHIFT);

	if (rc < 0)
		return rc;
	info->shared_info = (struct shared_info *)shared_info_page;
	pv_p2m_lists_publish(info->shared_info);
	info->console = mfn_to_virt(si->console.domU.mfn);
	info->console_evtchn = si->console.domU.evtchn;
	info->xenstore = mfn_to_virt(si->store_mfn);
	info->xenstore_evtchn = si->store_evtchn;
	return 0;
}

/* Our own page back under shared_info's address, events masked in it:
 * Xen's page must not stay mapped in a guest being saved. */
void pv_release_shared_info(void)
{
	struct shared_info *own = (struct shared_info *)shared_info_page;

	pv_map_mfn((unsigned long)own, pfn_to_mfn(virt_to_pfn(own)));
	own->vcpu_info[0].evtchn_upcall_mask = 1;
}

static void pv_grant_frames_unmap(unsigned int count)
{
	for (unsigned int i = 0; i < count; i++)
		pv_unmap_page(MAP_WINDOW_BASE + i * PAGE_SIZE);
}

static unsigned long pv_pfn_to_gfn(unsigned long pfn)
{
	return pfn_to_mfn(pfn);
}

/* PV guests cannot write the FS base MSR; Xen does it for them. */
static int pv_set_tls_base(unsigned long base)
{
	return xen_errno(hyp_set_segment_base(SEGBASE_FS, base));
}

const struct arch_platform pv_platform = {
	.name = "PV",
	.irq_by_flag = false,
	.setup = pv_setup,
	.map_gfn = pv_map_mfn,
	.unmap_page = pv_unmap_page,
	.virt_to_gfn = pv_virt_to_mfn,
	.set_tls_base = pv_set_tls_base,
	.events_init = pv_events_init,
	.irq_enable = pv_irq_enable,
	.block = pv_block,
	.grant_frames_map = pv_grant_frames_map,
	.fault_address = pv_fault_address,
	.boot_module = pv_boot_module,
	.suspend = pv_suspend,
	.grant_frames_unmap = pv_grant_frames_unmap,
	.gfn_to_pfn = mfn_to_pfn,
	.pfn_to_gfn = pv_pfn_to_gfn,
};
