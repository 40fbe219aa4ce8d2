/*
 * What a PVH guest reads from hvm_start_info about its memory (pure
 * logic, unit-tested): how much RAM the linear map covers, and where free
 * memory starts after the image and what the domain builder put after it.
 */
#ifndef ARCH_PVH_MEMMAP_H
#define ARCH_PVH_MEMMAP_H

#include <stdint.h>
#include <xen/arch-x86/hvm/start_info.h>

/*
 * Pages up to the end of the RAM range holding the image
 * [image_start, image_end), or -EINVAL (no memory map) / -ENOMEM (no RAM
 * range holds the image).
 */
int pvh_ram_pages(const struct hvm_start_info *si, uint64_t image_start,
		  uint64_t image_end, unsigned long *pages);

/*
 * The first page after the image and everything the builder placed
 * (start_info itself, the memory map, the command line, the module list
 * and the modules), all found through si's physical addresses, which
 * the caller can read at the same virtual addresses.
 */
unsigned long pvh_first_free_pfn(const struct hvm_start_info *si,
				 uint64_t image_end);

#endif
