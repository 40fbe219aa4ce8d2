/*
 * The HVM-side interfaces a PVH guest uses where PV has start_info and
 * PV-only hypercalls: HVM params (console, xenstore, event callback),
 * add_to_physmap (shared_info and grant frames into our physical space),
 * and events delivered as an interrupt vector.
 */
#include <stddef.h>
#include <xen/hvm/params.h>
#include "arch/hypercall.h"
#include "arch/layout.h"
#include "kernel/lib/errno.h"
#include "pvh.h"

long pvh_hvm_param(unsigned int index, uint64_t *value)
{
	struct xen_hvm_param p = { .domid = DOMID_SELF, .index = index };
	long rc = hypercall2(__HYPERVISOR_hvm_op, HVMOP_get_param,
			     (unsigned long)&p);

	*value = p.value;
	return rc < 0 ? xen_errno(rc) : 0;
}

long pvh_set_hvm_param(unsigned int index, uint64_t value)
{
	struct xen_hvm_param p = {
		.domid = DOMID_SELF,
		.index = index,
		.value = value,
	};

	return xen_errno(hypercall2(__HYPERVISOR_hvm_op, HVMOP_set_param,
				    (unsigned long)&p));
}

int pvh_add_to_physmap(unsigned int space, unsigned long idx, unsigned long gfn)
{
	struct xen_add_to_physmap map = {
		.domid = DOMID_SELF,
		.space = space,
		.idx = idx,
		.gpfn = gfn,
	};

	return xen_errno(hypercall2(__HYPERVISOR_memory_op,
				    XENMEM_add_to_physmap,
				    (unsigned long)&map));
}

/*
 * Where grant frame i goes in guest-physical space: just past the RAM
 * we were given, in the hole below Xen's reserved area (ACPI tables at
 * 0xfc000000), so that they never shadow a page of ours. Not far above
 * it: a save walks every frame up to the highest one mapped, and frames
 * at 256 GiB made `xl save` write hundreds of megabytes of holes. A
 * guest whose RAM reaches the hole keeps the far window.
 */
#define RESERVED_FROM_PFN 0xfc000UL

static unsigned long grant_gfn_base = MAP_WINDOW_BASE >> PAGE_SHIFT;

void pvh_grant_frames_place(unsigned long ram_pages)
{
	if (ram_pages + MAP_WINDOW_PAGES <= RESERVED_FROM_PFN)
		grant_gfn_base = ram_pages;
}

/* Asking for frame i grows the table to i + 1 frames. */
int pvh_grant_frames_map(unsigned int from, unsigned int to)
{
	for (unsigned int i = from; i < to; i++) {
		unsigned long va = MAP_WINDOW_BASE + i * PAGE_SIZE;
		int rc = pvh_add_to_physmap(XENMAPSPACE_grant_table, i,
					    grant_gfn_base + i);

		if (rc == 0)
			rc = pvh_map_gfn(va, grant_gfn_base + i);
		if (rc < 0)
			return rc;
	}
	return 0;
}

#define CALLBACK_TYPE_SHIFT 56

int pvh_events_init(void)
{
	return (int)pvh_set_hvm_param(HVM_PARAM_CALLBACK_IRQ,
				      (uint64_t)HVM_PARAM_CALLBACK_TYPE_VECTOR
						      << CALLBACK_TYPE_SHIFT |
					      PVH_EVENT_VECTOR);
}

void pvh_irq_enable(void)
{
	asm volatile("sti" ::: "memory");
}

void pvh_block(void)
{
	/* sti takes effect after the next instruction: no event can come
	 * between them and be missed by the hlt. */
	asm volatile("sti; hlt" ::: "memory");
}
