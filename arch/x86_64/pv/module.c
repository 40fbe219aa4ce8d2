/*
 * The PV module (xl's ramdisk=): where the domain builder put it. The
 * linear map covers it and free memory starts after it (setup.c), so it
 * stays readable and untouched for as long as the domain runs.
 */
#include "pv.h"

int pv_boot_module(const void **start, unsigned long *len)
{
	const struct start_info *si = pv_start_info;

	if (!si->mod_len)
		return 0;
	*start = si->flags & SIF_MOD_START_PFN ? pfn_to_virt(si->mod_start) :
						 (const void *)si->mod_start;
	*len = si->mod_len;
	return 1;
}
