/*
 * The trap table (set_trap_table, hypercall 0): Petrel registers a
 * handler for each CPU exception, and Xen bounces each exception to it
 * with the vector's error code. Pins: ud2 arrives as #UD (6), int3 as
 * #BP (3: its table entry has DPL 3, so a ring-3 PV kernel may raise
 * it), a divide by zero as #DE (0), and a load from a non-canonical
 * address as #GP (13) with error code 0; after each the kernel carries on
 * (the expected-fault helper resumes the test). A vector whose handler
 * were missing would kill the domain instead.
 */
#include "conformance.h"

static void do_ud2(void *unused)
{
	(void)unused;
	asm volatile("ud2");
}

static void do_int3(void *unused)
{
	(void)unused;
	asm volatile("int3");
}

static void do_divide(void *zero)
{
	unsigned long quotient, remainder;

	asm volatile("divq %[d]"
		     : "=a"(quotient), "=d"(remainder)
		     : "a"(1UL), "d"(0UL), [d] "r"((unsigned long)zero));
}

static void do_noncanonical(void *unused)
{
	(void)unused;
	(void)*(volatile unsigned long *)0x8000000000000000UL;
}

PETREL_TEST(traps, "exceptions: #UD, #BP, #DE and #GP reach the guest's "
		   "handlers with the right vector and error code")
{
	PETREL_EXPECT_FAULT(do_ud2, 0, 6, 0, 0);
	PETREL_EXPECT_FAULT(do_int3, 0, 3, 0, 0);
	PETREL_EXPECT_FAULT(do_divide, 0, 0, 0, 0);
	PETREL_EXPECT_FAULT(do_noncanonical, 0, PETREL_VEC_GP, 0, 0);
}
