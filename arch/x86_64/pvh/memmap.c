/*
 * PVH memory facts from hvm_start_info (see memmap.h). The builder is
 * trusted, but a range that wraps around is still refused rather than
 * believed: it would make the linear map cover nothing or everything.
 */
#include <stddef.h>
#include "arch/page.h"
#include "kernel/lib/errno.h"
#include "memmap.h"

static const void *phys(uint64_t paddr)
{
	return (const void *)(uintptr_t)paddr;
}

int pvh_ram_pages(const struct hvm_start_info *si, uint64_t image_start,
		  uint64_t image_end, unsigned long *pages)
{
	const struct hvm_memmap_table_entry *map = phys(si->memmap_paddr);

	if (si->version < 1 || !si->memmap_paddr)
		return -EINVAL;
	for (uint32_t i = 0; i < si->memmap_entries; i++) {
		uint64_t start = map[i].addr, size = map[i].size;

		if (map[i].type != XEN_HVM_MEMMAP_TYPE_RAM ||
		    size > UINT64_MAX - start || start > image_start ||
		    start + size < image_end)
			continue;
		*pages = (start + size) >> PAGE_SHIFT;
		return 0;
	}
	return -ENOMEM;
}

static void extend(unsigned long *end, uint64_t paddr, uint64_t len)
{
	unsigned long last;

	/* Room to round up to a page without wrapping. */
	if (!paddr || paddr > UINT64_MAX - PAGE_SIZE ||
	    len > UINT64_MAX - PAGE_SIZE - paddr)
		return;
	last = PFN_UP(paddr + len);
	if (last > *end)
		*end = last;
}

static size_t bounded_strlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

#define CMDLINE_SCAN_MAX (64 * 1024)

unsigned long pvh_first_free_pfn(const struct hvm_start_info *si,
				 uint64_t image_end)
{
	const struct hvm_modlist_entry *mods = phys(si->modlist_paddr);
	unsigned long end = PFN_UP(image_end);

	extend(&end, (uintptr_t)si, sizeof(*si));
	if (si->version >= 1)
		extend(&end, si->memmap_paddr,
		       (uint64_t)si->memmap_entries *
			       sizeof(struct hvm_memmap_table_entry));
	if (si->cmdline_paddr)
		extend(&end, si->cmdline_paddr,
		       bounded_strlen(phys(si->cmdline_paddr),
				      CMDLINE_SCAN_MAX) +
			       1);
	if (!si->modlist_paddr)
		return end;
	extend(&end, si->modlist_paddr,
	       (uint64_t)si->nr_modules * sizeof(*mods));
	for (uint32_t i = 0; i < si->nr_modules; i++)
		extend(&end, mods[i].paddr, mods[i].size);
	return end;
}
