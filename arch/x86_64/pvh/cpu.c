/*
 * PVH CPU tables: the task state segment, whose only job is to give
 * faults a stack of their own (IST), and the IDT. A page fault on a full
 * stack (a guard page) or a double fault then still lands on a good
 * stack, and the guest reports it itself, with a backtrace.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "arch/layout.h"
#include "pvh.h"

struct tss64 {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __attribute__((packed));

struct idt_gate {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t ist;
	uint8_t type_attr;
	uint16_t offset_mid;
	uint32_t offset_high;
	uint32_t reserved;
} __attribute__((packed));

#define GATE_INTERRUPT 0x8e /* present, ring 0, 64-bit interrupt gate */
#define IST_FAULTS 1

extern uint64_t pvh_gdt[];
extern char exception_stack_top[];

void pvh_trap_divide_error(void), pvh_trap_debug(void), pvh_trap_nmi(void),
	pvh_trap_int3(void), pvh_trap_overflow(void), pvh_trap_bounds(void),
	pvh_trap_invalid_op(void), pvh_trap_device_not_available(void),
	pvh_trap_double_fault(void), pvh_trap_coproc_seg_overrun(void),
	pvh_trap_invalid_tss(void), pvh_trap_segment_not_present(void),
	pvh_trap_stack_segment(void), pvh_trap_general_protection(void),
	pvh_trap_page_fault(void), pvh_trap_coprocessor_error(void),
	pvh_trap_alignment_check(void), pvh_trap_machine_check(void),
	pvh_trap_simd_error(void), pvh_event_callback(void);

static const struct {
	unsigned int vector;
	void (*entry)(void);
	int on_fault_stack;
} gates[] = {
	{ 0, pvh_trap_divide_error, 0 },
	{ 1, pvh_trap_debug, 0 },
	{ 2, pvh_trap_nmi, 1 },
	{ 3, pvh_trap_int3, 0 },
	{ 4, pvh_trap_overflow, 0 },
	{ 5, pvh_trap_bounds, 0 },
	{ 6, pvh_trap_invalid_op, 0 },
	{ 7, pvh_trap_device_not_available, 0 },
	{ 8, pvh_trap_double_fault, 1 },
	{ 9, pvh_trap_coproc_seg_overrun, 0 },
	{ 10, pvh_trap_invalid_tss, 0 },
	{ 11, pvh_trap_segment_not_present, 0 },
	{ 12, pvh_trap_stack_segment, 1 },
	{ 13, pvh_trap_general_protection, 0 },
	{ 14, pvh_trap_page_fault, 1 },
	{ 16, pvh_trap_coprocessor_error, 0 },
	{ 17, pvh_trap_alignment_check, 0 },
	{ 18, pvh_trap_machine_check, 1 },
	{ 19, pvh_trap_simd_error, 0 },
	{ PVH_EVENT_VECTOR, pvh_event_callback, 0 },
};

/*
 * In PVH the CPU reads these from our memory on every interrupt (in PV,
 * Xen keeps its own copies). They are written only here, before the
 * final page tables map their pages read-only (pvh/mm.c asks
 * pvh_is_cpu_table): a stray write faults at the writer, with its
 * backtrace, instead of corrupting the IDT and turning the next
 * interrupt into a triple fault. In long mode the CPU writes none of
 * them once the TSS is loaded. (The GDT is in rodata: pvh/head.S.)
 */
static struct cpu_tables {
	struct idt_gate idt[256];
	struct tss64 tss;
} __attribute__((aligned(PAGE_SIZE))) tables
	__attribute__((section(".bss.cpu_tables")));

/* Whole pages: nothing else may share the read-only ones. */
_Static_assert(sizeof(struct cpu_tables) % PAGE_SIZE == 0, "whole pages");

bool pvh_is_cpu_table(unsigned long va)
{
	unsigned long start = (unsigned long)&tables;

	return va >= start && va - start < sizeof(tables);
}

static void tss_load(void)
{
	uint64_t base = (uint64_t)&tables.tss, limit = sizeof(tables.tss) - 1;

	tables.tss.ist[IST_FAULTS - 1] = (uint64_t)exception_stack_top;
	tables.tss.iomap_base = sizeof(tables.tss); /* no I/O bitmap */
	/* A 16-byte system descriptor: type 9 (available 64-bit TSS). */
	pvh_gdt[GDT_TSS / 8] = (limit & 0xffff) | (base & 0xffffff) << 16 |
			       0x89ULL << 40 | (limit >> 16 & 0xf) << 48 |
			       (base >> 24 & 0xff) << 56;
	pvh_gdt[GDT_TSS / 8 + 1] = base >> 32;
	asm volatile("ltr %w0" ::"r"(GDT_TSS));
}

static void idt_set(unsigned int vector, void (*entry)(void), uint8_t ist)
{
	uint64_t addr = (uint64_t)entry;

	tables.idt[vector] = (struct idt_gate){
		.offset_low = addr & 0xffff,
		.selector = GDT_CODE64,
		.ist = ist,
		.type_attr = GATE_INTERRUPT,
		.offset_mid = addr >> 16 & 0xffff,
		.offset_high = addr >> 32,
	};
}

void pvh_cpu_init(void)
{
	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed))
	idtr = { sizeof(tables.idt) - 1, (uint64_t)tables.idt };

	tss_load();
	for (size_t i = 0; i < sizeof(gates) / sizeof(gates[0]); i++)
		idt_set(gates[i].vector, gates[i].entry,
			gates[i].on_fault_stack ? IST_FAULTS : 0);
	asm volatile("lidt %0" ::"m"(idtr));
}
