/*
 * xen_version (hypercall 17): the first hypercall any guest makes, and
 * the one Petrel's boot log relies on. Pins: XENVER_version packs
 * major << 16 | minor (Xen 4.17 or later here); XENVER_extraversion
 * fills a 16-byte NUL-terminated string; an unknown subop is -ENOSYS
 * (xen/common/kernel.c, do_xen_version's default case); a buffer Xen
 * cannot write is -EFAULT; XENVER_get_features with a submap index past
 * the defined ones is -EINVAL.
 */
#include <string.h>
#include "conformance.h"

PETREL_TEST(xen_version, "xen_version: version, extraversion, bad subop, "
			 "bad pointer, bad feature submap")
{
	long v = HC2(__HYPERVISOR_xen_version, XENVER_version, 0);
	xen_extraversion_t extra;
	xen_feature_info_t fi = { .submap_idx = 0 };

	petrel_test_note("Xen %ld.%ld", v >> 16, v & 0xffff);
	PETREL_CHECK_EQ(v >> 16, 4);
	PETREL_CHECK((v & 0xffff) >= 17);

	memset(extra, 0xff, sizeof(extra));
	PETREL_CHECK_EQ(
		HC2(__HYPERVISOR_xen_version, XENVER_extraversion, extra), 0);
	PETREL_CHECK(memchr(extra, '\0', sizeof(extra)) != NULL);

	PETREL_CHECK_EQ(HC2(__HYPERVISOR_xen_version, 0x7fff, 0), -XEN_ENOSYS);
	PETREL_CHECK_EQ(HC2(__HYPERVISOR_xen_version, XENVER_extraversion,
			    BAD_POINTER),
			-XEN_EFAULT);

	PETREL_CHECK_EQ(HC2(__HYPERVISOR_xen_version, XENVER_get_features, &fi),
			0);
	fi.submap_idx = 1000;
	PETREL_CHECK_EQ(HC2(__HYPERVISOR_xen_version, XENVER_get_features, &fi),
			-XEN_EINVAL);
}
