/*
 * PVH early setup: find Xen (CPUID) and have it fill the hypercall page,
 * load the CPU tables, take the memory (memmap.c), console, xenstore and
 * boot module from hvm_start_info and HVM params, build the final page tables
 * and map shared_info. Also the PVH entry in the platform table.
 */
#include <stddef.h>
#include <xen/arch-x86/hvm/start_info.h>
#include <xen/hvm/params.h>
#include "arch/hypercall.h"
#include "arch/irq.h"
#include "arch/page.h"
#include "arch/platform.h"
#include "arch/random.h"
#include "arch/suspend.h"
#include "kernel/lib/errno.h"
#include "memmap.h"
#include "pvh.h"

#define XEN_CPUID_FIRST 0x40000000
#define XEN_CPUID_LAST 0x40010000

extern char _end[];

static const struct hvm_start_info *start_info;
static char shared_info_page[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

/* Xen's CPUID leaves may sit above another hypervisor's: scan for them. */
static int hypercall_page_init(void)
{
	for (uint32_t base = XEN_CPUID_FIRST; base < XEN_CPUID_LAST;
	     base += 0x100) {
		uint32_t r[4];

		arch_cpuid(base, 0, r);
		if (r[1] == 0x566e6558 && r[2] == 0x65584d4d &&
		    r[3] == 0x4d4d566e && r[0] >= base + 2) {
			arch_cpuid(base + 2, 0, r);
			/* ebx: the MSR that takes the page's address. */
			pvh_wrmsr(r[1], (uint64_t)hypercall_page);
			return 0;
		}
	}
	return -ENODEV;
}

static int rings_from_params(struct arch_boot_info *info, unsigned long gfns[2])
{
	uint64_t v[4];
	static const unsigned int index[4] = {
		HVM_PARAM_CONSOLE_PFN,
		HVM_PARAM_CONSOLE_EVTCHN,
		HVM_PARAM_STORE_PFN,
		HVM_PARAM_STORE_EVTCHN,
	};

	for (int i = 0; i < 4; i++) {
		long rc = pvh_hvm_param(index[i], &v[i]);

		if (rc < 0)
			return (int)rc;
	}
	gfns[0] = v[0];
	gfns[1] = v[2];
	info->console = pfn_to_virt(v[0]);
	info->console_evtchn = (evtchn_port_t)v[1];
	info->xenstore = pfn_to_virt(v[2]);
	info->xenstore_evtchn = (evtchn_port_t)v[3];
	return 0;
}

static int pvh_setup(void *boot_arg, struct arch_boot_info *info)
{
	const struct hvm_start_info *si = boot_arg;
	unsigned long ring_gfns[2];
	int rc = hypercall_page_init();

	if (rc < 0)
		return rc;
	pvh_cpu_init();
	if (si->magic != XEN_HVM_START_MAGIC_VALUE)
		return -EINVAL;
	start_info = si;
	rc = pvh_ram_pages(si, KERNEL_START, (unsigned long)_end,
			   &info->mem.nr_pages);
	if (rc < 0)
		return rc;
	pvh_grant_frames_place(info->mem.nr_pages);
	info->mem.first_free_pfn = pvh_first_free_pfn(si, (unsigned long)_end);
	rc = rings_from_params(info, ring_gfns);
	if (rc < 0)
		return rc;
	rc = pvh_mm_init(&info->mem, ring_gfns, 2);
	if (rc < 0)
		return rc;
	/* Xen puts shared_info in place of our page's RAM. */
	rc = pvh_add_to_physmap(XENMAPSPACE_shared_info, 0,
				virt_to_pfn(shared_info_page));
	if (rc < 0)
		return rc;
	info->shared_info = (struct shared_info *)shared_info_page;
	info->cmdline = si->cmdline_paddr ?
				(const char *)(unsigned long)si->cmdline_paddr :
				"";
	return 0;
}

static int pvh_boot_module(const void **start, unsigned long *len)
{
	const struct hvm_modlist_entry *mods =
		(const void *)(unsigned long)start_info->modlist_paddr;

	if (!start_info->nr_modules || !mods[0].size)
		return 0;
	*start = (const void *)(unsigned long)mods[0].paddr;
	*len = mods[0].size;
	return 1;
}

static unsigned long pvh_virt_to_gfn(const void *va)
{
	return virt_to_pfn(va);
}

static int pvh_set_tls_base(unsigned long base)
{
	pvh_wrmsr(MSR_FS_BASE, base);
	return 0;
}

/*
 * An HVM-style save keeps our memory at the same frames, so only Xen's
 * side needs redoing in a new domain: shared_info back in place of our
 * page, our event vector, and the rings' new event channels (the
 * restorer cleared the ring pages). A cancelled suspend changed nothing.
 */
static int pvh_suspend(struct arch_boot_info *info)
{
	struct sched_shutdown op = { .reason = SHUTDOWN_suspend };
	unsigned long ring_gfns[2];
	long rc = hypercall3(__HYPERVISOR_sched_op, SCHEDOP_shutdown,
			     (unsigned long)&op, 0);

	info->shared_info = (struct shared_info *)shared_info_page;
	if (rc != 0)
		return rc < 0 ? xen_errno(rc) : ARCH_SUSPEND_CANCELLED;
	rc = pvh_add_to_physmap(XENMAPSPACE_shared_info, 0,
				virt_to_pfn(shared_info_page));
	if (!rc)
		rc = pvh_events_init();
	if (!rc)
		rc = rings_from_params(info, ring_gfns);
	return rc < 0 ? (int)rc : ARCH_RESUMED_NEW_DOMAIN;
}

static unsigned long pvh_same_frame(unsigned long frame)
{
	return frame;
}

const struct arch_platform pvh_platform = {
	.name = "PVH",
	.irq_by_flag = true,
	.setup = pvh_setup,
	.map_gfn = pvh_map_gfn,
	.unmap_page = pvh_unmap_page,
	.virt_to_gfn = pvh_virt_to_gfn,
	.set_tls_base = pvh_set_tls_base,
	.events_init = pvh_events_init,
	.irq_enable = pvh_irq_enable,
	.block = pvh_block,
	.grant_frames_map = pvh_grant_frames_map,
	.fault_address = pvh_read_cr2,
	.boot_module = pvh_boot_module,
	.suspend = pvh_suspend,
	.gfn_to_pfn = pvh_same_frame,
	.pfn_to_gfn = pvh_same_frame,
};
