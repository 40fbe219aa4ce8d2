/*
 * PV grant-table frames: GNTTABOP_setup_table with a larger count grows
 * the table and lists its machine frames, which we map into the window.
 */
#include "arch/hypercall.h"
#include "arch/layout.h"
#include "kernel/lib/errno.h"
#include "pv.h"

int pv_grant_frames_map(unsigned int from, unsigned int to)
{
	static xen_pfn_t frames[MAP_WINDOW_PAGES];
	struct gnttab_setup_table op = {
		.dom = DOMID_SELF,
		.nr_frames = to,
	};
	long rc;

	set_xen_guest_handle(op.frame_list, frames);
	rc = hypercall3(__HYPERVISOR_grant_table_op, GNTTABOP_setup_table,
			(unsigned long)&op, 1);
	if (rc < 0 || op.status != GNTST_okay)
		return rc < 0 ? xen_errno(rc) : -EIO;
	for (unsigned int i = from; i < to; i++) {
		int err =
			pv_map_mfn(MAP_WINDOW_BASE + i * PAGE_SIZE, frames[i]);

		if (err < 0)
			return err;
	}
	return 0;
}
