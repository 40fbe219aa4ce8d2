/*
 * Unit tests for the PVH memory facts (arch/x86_64/pvh/memmap.c): which
 * RAM range the linear map covers, and where free memory starts after
 * what the domain builder placed. The "physical addresses" are this
 * process's own addresses, as they are the guest's in the guest.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "kernel/lib/errno.h"
#include "arch/x86_64/pvh/memmap.h"

#define MB (1ULL << 20)
#define IMAGE_START 0x1000ULL
#define IMAGE_END 0x30000ULL

static struct hvm_memmap_table_entry map[4];
static struct hvm_start_info si;

static void set_map(unsigned int n)
{
	memset(&si, 0, sizeof(si));
	si.magic = XEN_HVM_START_MAGIC_VALUE;
	si.version = 1;
	si.memmap_paddr = (uintptr_t)map;
	si.memmap_entries = n;
}

static void ram(unsigned int i, uint64_t addr, uint64_t size, uint32_t type)
{
	map[i] = (struct hvm_memmap_table_entry){ addr, size, type, 0 };
}

static void test_ram_range_holding_the_image(void **state)
{
	unsigned long pages = 0;

	(void)state;
	ram(0, 0xfc000000, 64 * 1024, XEN_HVM_MEMMAP_TYPE_ACPI);
	ram(1, 0, 2 * MB, XEN_HVM_MEMMAP_TYPE_RAM);
	ram(2, 4096 * MB, 64 * MB, XEN_HVM_MEMMAP_TYPE_RAM);
	set_map(3);
	assert_int_equal(pvh_ram_pages(&si, IMAGE_START, IMAGE_END, &pages), 0);
	assert_int_equal(pages, 512);
}

static void test_no_map_or_no_ram_is_an_error(void **state)
{
	unsigned long pages = 7;

	(void)state;
	set_map(0);
	si.version = 0;
	assert_int_equal(pvh_ram_pages(&si, IMAGE_START, IMAGE_END, &pages),
			 -EINVAL);
	/* RAM too small for the image, reserved RAM, RAM above it. */
	ram(0, 0, 0x20000, XEN_HVM_MEMMAP_TYPE_RAM);
	ram(1, 0, 2 * MB, XEN_HVM_MEMMAP_TYPE_RESERVED);
	ram(2, 0x2000, 2 * MB, XEN_HVM_MEMMAP_TYPE_RAM);
	set_map(3);
	assert_int_equal(pvh_ram_pages(&si, IMAGE_START, IMAGE_END, &pages),
			 -ENOMEM);
	assert_int_equal(pages, 7);
}

static void test_wrapping_range_is_refused(void **state)
{
	unsigned long pages = 7;

	(void)state;
	ram(0, 0, UINT64_MAX, XEN_HVM_MEMMAP_TYPE_RAM);
	ram(1, 0x1000, UINT64_MAX - 0x800, XEN_HVM_MEMMAP_TYPE_RAM);
	set_map(2);
	/* The first is fine (it ends at the top); the second wraps. */
	assert_int_equal(pvh_ram_pages(&si, IMAGE_START, IMAGE_END, &pages), 0);
	assert_int_equal(pages, UINT64_MAX >> 12);
	map[0].type = XEN_HVM_MEMMAP_TYPE_RESERVED;
	assert_int_equal(pvh_ram_pages(&si, IMAGE_START, IMAGE_END, &pages),
			 -ENOMEM);
}

static unsigned long page_after(const void *p, size_t len)
{
	return ((uintptr_t)p + len + 4095) >> 12;
}

static unsigned long max_of(unsigned long a, unsigned long b)
{
	return a > b ? a : b;
}

static void test_free_memory_after_everything_placed(void **state)
{
	static char cmdline[] = "petrel.stdin=pipe -- a b";
	static char module[10000];
	static struct hvm_modlist_entry mods[2];
	unsigned long want;

	(void)state;
	set_map(1);
	ram(0, 0, 2 * MB, XEN_HVM_MEMMAP_TYPE_RAM);
	si.cmdline_paddr = (uintptr_t)cmdline;
	mods[0] = (struct hvm_modlist_entry){ (uintptr_t)module, 4000, 0, 0 };
	mods[1] = (struct hvm_modlist_entry){ (uintptr_t)module + 4000, 6000, 0,
					      0 };
	si.modlist_paddr = (uintptr_t)mods;
	si.nr_modules = 2;
	want = max_of(page_after(&si, sizeof(si)),
		      page_after(map, sizeof(map[0])));
	want = max_of(want, page_after(cmdline, sizeof(cmdline)));
	want = max_of(want, page_after(mods, sizeof(mods)));
	want = max_of(want, page_after(module, sizeof(module)));
	assert_int_equal(pvh_first_free_pfn(&si, IMAGE_END), want);
	/* A huge image end wins over all of them. */
	assert_int_equal(pvh_first_free_pfn(&si, UINT64_MAX >> 1),
			 (UINT64_MAX >> 1 >> 12) + 1);
}

static void test_wrapping_module_is_ignored(void **state)
{
	static struct hvm_modlist_entry mods[1];
	unsigned long without;

	(void)state;
	set_map(1);
	ram(0, 0, 2 * MB, XEN_HVM_MEMMAP_TYPE_RAM);
	without = pvh_first_free_pfn(&si, IMAGE_END);
	mods[0] = (struct hvm_modlist_entry){ UINT64_MAX - 10, 100, 0, 0 };
	si.modlist_paddr = (uintptr_t)mods;
	si.nr_modules = 1;
	assert_int_equal(pvh_first_free_pfn(&si, IMAGE_END),
			 max_of(without, page_after(mods, sizeof(mods))));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ram_range_holding_the_image),
		cmocka_unit_test(test_no_map_or_no_ram_is_an_error),
		cmocka_unit_test(test_wrapping_range_is_refused),
		cmocka_unit_test(test_free_memory_after_everything_placed),
		cmocka_unit_test(test_wrapping_module_is_ignored),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
