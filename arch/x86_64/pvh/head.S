/*
 * PVH entry point (the PHYS32_ENTRY note). Xen starts us in 32-bit
 * protected mode with paging off, flat segments, interrupts off and
 * %ebx = the physical address of struct hvm_start_info; the GDT it used
 * may be gone. We load our own GDT, identity-map the low 4 GiB with
 * 2 MiB pages, turn on PAE, long mode, NX, SSE, paging and ring-0 write
 * protection (so read-only pages are read-only to us too), and jump to
 * 64-bit code, which goes on as the PV entry does (common/boot.S). pvh/mm.c replaces
 * these boot tables with final 4 KiB ones.
 */
#include "arch/layout.h"
#include "pvh.h"

#define CR0_PE (1 << 0)
#define CR0_MP (1 << 1)
#define CR0_EM (1 << 2)
#define CR0_TS (1 << 3)
#define CR0_WP (1 << 16)
#define CR0_PG (1 << 31)
#define CR4_PAE (1 << 5)
#define CR4_OSFXSR (1 << 9)
#define CR4_OSXMMEXCPT (1 << 10)
#define EFER_LME (1 << 8)
#define EFER_NXE (1 << 11)
#define PDE_LARGE 0x83 /* present, writable, 2 MiB */
#define TABLE 0x03 /* present, writable */

	.section .text.head, "ax"
	.code32
	.globl pvh_start32
pvh_start32:
	cld
	cli
	lgdt	pvh_gdt_ptr
	movl	$GDT_DATA, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	%eax, %fs
	movl	%eax, %gs
	movl	$boot_stack_top, %esp

	/* 2048 2 MiB pages: the low 4 GiB. */
	movl	$boot_pd, %edi
	xorl	%ecx, %ecx
1:	movl	%ecx, %eax
	shll	$21, %eax
	orl	$PDE_LARGE, %eax
	movl	%eax, (%edi,%ecx,8)
	movl	$0, 4(%edi,%ecx,8)
	incl	%ecx
	cmpl	$2048, %ecx
	jb	1b

	/* Four directory pages under the first PDPT entries. */
	movl	$boot_pdpt, %edi
	movl	$(boot_pd + TABLE), %eax
	xorl	%ecx, %ecx
2:	movl	%eax, (%edi,%ecx,8)
	movl	$0, 4(%edi,%ecx,8)
	addl	$PAGE_SIZE, %eax
	incl	%ecx
	cmpl	$4, %ecx
	jb	2b
	movl	$(boot_pdpt + TABLE), boot_pml4

	movl	%cr4, %eax
	orl	$(CR4_PAE | CR4_OSFXSR | CR4_OSXMMEXCPT), %eax
	movl	%eax, %cr4
	movl	$boot_pml4, %eax
	movl	%eax, %cr3
	movl	$MSR_EFER, %ecx
	rdmsr
	orl	$(EFER_LME | EFER_NXE), %eax
	wrmsr
	movl	%cr0, %eax
	andl	$~(CR0_EM | CR0_TS), %eax
	orl	$(CR0_PE | CR0_MP | CR0_WP | CR0_PG), %eax
	movl	%eax, %cr0
	ljmp	$GDT_CODE64, $pvh_start64

	.code64
pvh_start64:
	/*
	 * The x87 unit comes out of reset in single precision (FCW
	 * 0x0040); fninit gives the ABI's extended precision (0x037f), or
	 * long double and printf's %f are computed as floats. (PV guests
	 * get an initialised FPU from Xen.)
	 */
	fninit
	movl	%ebx, %edi	/* hvm_start_info, zero-extended */
	leaq	pvh_platform(%rip), %rax
	jmp	arch_boot64

	/*
	 * Flat segments; the TSS descriptor (for the exception stack) is
	 * filled in by pvh/cpu.c. Accessed bits are preset so the CPU never
	 * writes here on its own: it is read-only once paging is set up
	 * (with the IDT and TSS: see pvh/cpu.c).
	 */
	.section .rodata.cpu_tables, "aw"
	.balign 16
	.globl pvh_gdt
pvh_gdt:
	.quad	0
	.quad	0x00af9b000000ffff	/* GDT_CODE64: 64-bit code, ring 0 */
	.quad	0x00cf93000000ffff	/* GDT_DATA: flat data */
	.quad	0, 0			/* GDT_TSS */
pvh_gdt_end:
pvh_gdt_ptr:
	.word	pvh_gdt_end - pvh_gdt - 1
	.long	pvh_gdt

	.section .bss
	.balign PAGE_SIZE
boot_pml4:
	.skip	PAGE_SIZE
boot_pdpt:
	.skip	PAGE_SIZE
boot_pd:
	.skip	4 * PAGE_SIZE

	/* No executable stack (ld warns without this note). */
	.section .note.GNU-stack, "", @progbits
