/*
 * Address-space layout constants shared by C, assembly and the linker
 * script. Guest memory is mapped linearly: virtual = pfn << PAGE_SHIFT
 * (VIRT_BASE 0), with page 0 left unmapped so NULL dereferences fault.
 */
#ifndef ARCH_LAYOUT_H
#define ARCH_LAYOUT_H

#define PAGE_SHIFT 12
#define PAGE_SIZE (1 << PAGE_SHIFT)
#define BOOT_STACK_SIZE (4 * PAGE_SIZE)
#define EXCEPTION_STACK_SIZE (4 * PAGE_SIZE)
#define KERNEL_START 0x1000

/*
 * A window of virtual pages outside the linear map, for frames that are
 * not our own memory (grant table frames). Its page table exists from
 * boot, so mapping into it never needs to allocate.
 */
#define MAP_WINDOW_BASE 0x4000000000UL
#define MAP_WINDOW_PAGES 512

#endif
