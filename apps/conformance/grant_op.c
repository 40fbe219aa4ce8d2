/*
 * grant_table_op (hypercall 20): netfront and blkfront share every
 * buffer through grants. Pins, from xen/common/grant_table.c (4.17):
 * query_size of ourselves reports at least one frame in use and a
 * larger maximum; for a missing domain the hypercall succeeds but the
 * per-op status is GNTST_bad_domain, and for dom0 GNTST_permission_denied
 * (a domU may not look at another domain's table); setup_table likewise
 * reports GNTST_bad_domain; get_version of ourselves is 1 (Petrel uses
 * v1 entries); set_version to the version in use is a no-op and to 3
 * is -EINVAL; a command number with bits above GNTTABOP_CMD_MASK (the
 * continuation encoding) is -EINVAL (measured), an unknown one inside
 * the mask -ENOSYS. A PVH guest's call goes through
 * xen/arch/x86/hvm/hypercall.c first, which lets only the commands it
 * audited through and answers every other one -ENOSYS, before the mask
 * check (measured: 0x7fff is -ENOSYS there). (Ending a grant still
 * mapped: apps/tests/grant.)
 */
#include <string.h>
#include "conformance.h"

static long gnttab(unsigned int cmd, void *arg)
{
	return HC3(__HYPERVISOR_grant_table_op, cmd, arg, 1);
}

static void query_size(void)
{
	struct gnttab_query_size q = { .dom = DOMID_SELF };

	PETREL_CHECK_EQ(gnttab(GNTTABOP_query_size, &q), 0);
	PETREL_CHECK_EQ(q.status, GNTST_okay);
	petrel_test_note("grant frames %u of %u", q.nr_frames, q.max_nr_frames);
	PETREL_CHECK(q.nr_frames >= 1 && q.nr_frames <= q.max_nr_frames);

	q.dom = NO_SUCH_DOMID;
	PETREL_CHECK_EQ(gnttab(GNTTABOP_query_size, &q), 0);
	PETREL_CHECK_EQ(q.status, GNTST_bad_domain);
	q.dom = 0;
	PETREL_CHECK_EQ(gnttab(GNTTABOP_query_size, &q), 0);
	PETREL_CHECK_EQ(q.status, GNTST_permission_denied);
	PETREL_CHECK_EQ(gnttab(GNTTABOP_query_size, BAD_POINTER), -XEN_EFAULT);
}

static void setup_table(void)
{
	xen_pfn_t frame;
	struct gnttab_setup_table st = { .dom = NO_SUCH_DOMID, .nr_frames = 1 };

	set_xen_guest_handle(st.frame_list, &frame);
	PETREL_CHECK_EQ(gnttab(GNTTABOP_setup_table, &st), 0);
	PETREL_CHECK_EQ(st.status, GNTST_bad_domain);
}

static void versions(void)
{
	struct gnttab_get_version gv = { .dom = DOMID_SELF };
	struct gnttab_set_version sv = { .version = 1 };

	PETREL_CHECK_EQ(gnttab(GNTTABOP_get_version, &gv), 0);
	PETREL_CHECK_EQ(gv.version, 1);
	PETREL_CHECK_EQ(gnttab(GNTTABOP_set_version, &sv), 0);
	PETREL_CHECK_EQ(sv.version, 1);
	sv.version = 3;
	PETREL_CHECK_EQ(gnttab(GNTTABOP_set_version, &sv), -XEN_EINVAL);
}

PETREL_TEST(grant_op, "grant_table_op: query_size, setup_table and "
		      "versions, with bad and foreign domains")
{
	query_size();
	setup_table();
	versions();
	/* Bits above GNTTABOP_CMD_MASK carry a continuation: refused in a
	 * fresh call (PV), or as an unaudited command (PVH); within the
	 * mask an unknown command is -ENOSYS. */
	PETREL_CHECK_EQ(gnttab(0x7fff, 0), !petrel_test_is_pv() ?
						   -XEN_ENOSYS :
						   -XEN_EINVAL);
	PETREL_CHECK_EQ(gnttab(0x100, 0), -XEN_ENOSYS);
}
