/*
 * PV early setup: find where free memory starts after the structures
 * the domain builder placed, install traps, tighten the page tables and
 * map shared_info.
 */
#include <stddef.h>
#include "arch/hypercall.h"
#include "arch/pv.h"
#include "arch/setup.h"

struct start_info *pv_start_info;
struct shared_info *pv_shared_info;
unsigned long *pv_p2m;

extern char _end[];
extern char boot_stack_guard[];

static char shared_info_page[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

#define PFN_UP(x) (((unsigned long)(x) + PAGE_SIZE - 1) >> PAGE_SHIFT)

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

int arch_is_guard_page(unsigned long va)
{
	unsigned long page = va & ~(unsigned long)(PAGE_SIZE - 1);

	return va < KERNEL_START || page == (unsigned long)boot_stack_guard;
}

int arch_setup(void *boot_arg, struct arch_boot_info *info,
	       trap_fatal_fn on_fatal)
{
	struct start_info *si = boot_arg;
	int rc;

	pv_start_info = si;
	pv_p2m = (unsigned long *)si->mfn_list;
	rc = arch_traps_init(on_fatal);
	if (rc < 0)
		return rc;

	info->mem.nr_pages = si->nr_pages;
	info->mem.first_free_pfn = first_free_pfn(si);
	rc = arch_mm_init(&info->mem);
	if (rc < 0)
		return rc;

	rc = arch_map_mfn((unsigned long)shared_info_page,
			  si->shared_info >> PAGE_SHIFT);
	if (rc < 0)
		return rc;
	pv_shared_info = (struct shared_info *)shared_info_page;

	info->mode = "PV";
	info->cmdline = (const char *)si->cmd_line;
	info->shared_info = pv_shared_info;
	info->console = mfn_to_virt(si->console.domU.mfn);
	info->console_evtchn = si->console.domU.evtchn;
	info->xenstore = mfn_to_virt(si->store_mfn);
	info->xenstore_evtchn = si->store_evtchn;
	return 0;
}
