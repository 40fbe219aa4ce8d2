/*
 * Fuzzes what a PVH guest reads about its memory from hvm_start_info
 * (arch/x86_64/pvh/memmap.c): a start_info with a fuzzed version, image
 * bounds, memory map, command line and module list, each in a heap block
 * of exactly its size, at this process's addresses (as the guest's
 * physical addresses are its virtual ones). Asserts, besides no
 * sanitizer report:
 *  - pvh_ram_pages succeeds iff a RAM range that does not wrap holds the
 *    image, and then covers up to the end of the first such range;
 *  - pvh_first_free_pfn lies past the image, start_info, the memory map,
 *    the command line and every module that does not wrap.
 */
#include <stdbool.h>
#include <stdint.h>

#include "arch/page.h"
#include "arch/x86_64/pvh/memmap.h"
#include "kernel/lib/errno.h"
#include "fuzz.h"

#define MAX_ENTRIES 32
#define MAX_MODULES 16

static bool fits(uint64_t paddr, uint64_t len)
{
	return paddr && paddr <= UINT64_MAX - PAGE_SIZE &&
	       len <= UINT64_MAX - PAGE_SIZE - paddr;
}

static void check_ram_pages(const struct hvm_start_info *si,
			    const struct hvm_memmap_table_entry *map,
			    uint64_t start, uint64_t end)
{
	unsigned long pages = 0;
	int rc = pvh_ram_pages(si, start, end, &pages);

	if (si->version < 1 || !si->memmap_paddr) {
		FUZZ_CHECK(rc == -EINVAL);
		return;
	}
	FUZZ_CHECK(rc == 0 || rc == -ENOMEM);
	for (uint32_t i = 0; i < si->memmap_entries; i++) {
		uint64_t a = map[i].addr, n = map[i].size;

		if (map[i].type == XEN_HVM_MEMMAP_TYPE_RAM &&
		    n <= UINT64_MAX - a && a <= start && a + n >= end) {
			FUZZ_CHECK(rc == 0 && pages == (a + n) >> PAGE_SHIFT);
			return;
		}
	}
	FUZZ_CHECK(rc == -ENOMEM);
}

static void check_first_free(const struct hvm_start_info *si,
			     const struct hvm_modlist_entry *mods,
			     const char *cmdline, uint64_t end)
{
	unsigned long pfn = pvh_first_free_pfn(si, end);

	FUZZ_CHECK(pfn >= PFN_UP(end));
	FUZZ_CHECK(pfn >= PFN_UP((uintptr_t)si + sizeof(*si)));
	if (si->version >= 1 && si->memmap_paddr)
		FUZZ_CHECK(
			pfn >=
			PFN_UP(si->memmap_paddr +
			       si->memmap_entries *
				       sizeof(struct hvm_memmap_table_entry)));
	if (cmdline)
		FUZZ_CHECK(pfn >=
			   PFN_UP((uintptr_t)cmdline + strlen(cmdline) + 1));
	if (!mods)
		return;
	FUZZ_CHECK(pfn >=
		   PFN_UP((uintptr_t)mods + si->nr_modules * sizeof(*mods)));
	for (uint32_t i = 0; i < si->nr_modules; i++)
		if (fits(mods[i].paddr, mods[i].size))
			FUZZ_CHECK(pfn >= PFN_UP(mods[i].paddr + mods[i].size));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = { data, size };
	struct hvm_start_info *si = calloc(1, sizeof(*si));
	uint8_t flags = fuzz_u8(&in);
	uint32_t nr_map = fuzz_u8(&in) % MAX_ENTRIES;
	uint32_t nr_mods = fuzz_u8(&in) % MAX_MODULES;
	size_t cmd_len = fuzz_u8(&in);
	/* Image bounds below 2^48, as a guest's are. */
	uint64_t start = fuzz_u64(&in) >> 16, end = fuzz_u64(&in) >> 16;
	struct hvm_memmap_table_entry *map = malloc(nr_map * sizeof(*map) + 1);
	struct hvm_modlist_entry *mods = malloc(nr_mods * sizeof(*mods) + 1);
	char *cmdline = malloc(cmd_len + 1);

	if (!si || !map || !mods || !cmdline)
		abort();
	fuzz_take(&in, map, nr_map * sizeof(*map));
	fuzz_take(&in, mods, nr_mods * sizeof(*mods));
	fuzz_take(&in, cmdline, cmd_len);
	cmdline[cmd_len] = 0; /* the builder terminates it */
	si->magic = XEN_HVM_START_MAGIC_VALUE;
	si->version = flags % 3;
	si->memmap_paddr = flags & 0x04 ? (uintptr_t)map : 0;
	si->memmap_entries = nr_map;
	si->cmdline_paddr = flags & 0x08 ? (uintptr_t)cmdline : 0;
	si->modlist_paddr = flags & 0x10 ? (uintptr_t)mods : 0;
	si->nr_modules = nr_mods;

	check_ram_pages(si, map, start, end);
	check_first_free(si, si->modlist_paddr ? mods : NULL,
			 si->cmdline_paddr ? cmdline : NULL, end);
	free(si);
	free(map);
	free(mods);
	free(cmdline);
	return 0;
}
