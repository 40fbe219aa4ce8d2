/*
 * W^X: Petrel maps text read-only and executable, rodata read-only and
 * not executable, data and heap writable and not executable
 * (arch/x86_64/mm.c). Each forbidden access must fault, with the #PF
 * error code the guest kernel sees: Present|Write (0x3) for a write to
 * text or rodata, Present|Instruction-fetch (0x11) for a jump into the
 * heap. In PV the guest kernel runs in ring 3, but Xen clears the User
 * bit for faults taken in guest kernel mode before it injects them
 * (pv_inject_event in xen/arch/x86/pv/traps.c), so it is absent here.
 */
#include <petrel/xen.h>
#include "conformance.h"

static const char rodata_byte = 42;

static void __attribute__((noipa)) write_byte(void *p)
{
	*(volatile char *)p = 0;
}

static void __attribute__((noipa)) call_code(void *p)
{
	((void (*)(void))p)();
}

PETREL_TEST(wx_text, "W^X: a write to text faults with #PF P|W")
{
	void *text = (void *)write_byte;

	PETREL_EXPECT_FAULT(write_byte, text, PETREL_VEC_PF,
			    PETREL_PFEC_PRESENT | PETREL_PFEC_WRITE,
			    (unsigned long)text);
}

PETREL_TEST(wx_rodata, "W^X: a write to rodata faults with #PF P|W")
{
	void *ro = (void *)&rodata_byte;

	PETREL_EXPECT_FAULT(write_byte, ro, PETREL_VEC_PF,
			    PETREL_PFEC_PRESENT | PETREL_PFEC_WRITE,
			    (unsigned long)ro);
	PETREL_CHECK_EQ(rodata_byte, 42);
}

PETREL_TEST(wx_heap_exec, "W^X: executing the heap faults with #PF P|I")
{
	unsigned char *page = petrel_alloc_pages(1);

	if (!page) {
		petrel_test_error("no page for the test");
		return;
	}
	page[0] = 0xc3; /* ret: harmless if it ran */
	PETREL_EXPECT_FAULT(call_code, page, PETREL_VEC_PF,
			    PETREL_PFEC_PRESENT | PETREL_PFEC_INSN,
			    (unsigned long)page);
	petrel_free_pages(page, 1);
}

PETREL_TEST(fault_catch_returns, "expected-fault helper: a function that "
				 "does not fault is reported as such")
{
	static char writable;
	struct petrel_fault f;

	PETREL_CHECK_EQ(petrel_test_run_faulting(write_byte, &writable, &f), 0);
	PETREL_CHECK_EQ(f.vector, 0);
}
