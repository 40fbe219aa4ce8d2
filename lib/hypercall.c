/*
 * The public petrel/hypercall.h API: raw hypercalls for conformance
 * tests. Xen's return value is passed through untranslated, so a test
 * compares against the ABI's own numbers.
 */
#include "arch/hypercall.h"
#include "arch/mm.h"
#include "petrel/hypercall.h"

/* The hypercall page has one 32-byte stub per hypercall number. */
#define HYPERCALL_PAGE_SLOTS 128

long petrel_hypercall(unsigned int op, unsigned long a1, unsigned long a2,
		      unsigned long a3, unsigned long a4, unsigned long a5)
{
	if (op >= HYPERCALL_PAGE_SLOTS)
		return -XEN_ENOSYS;
	return hypercall5(op, a1, a2, a3, a4, a5);
}

unsigned long petrel_virt_to_frame(const void *va)
{
	/* PV: the machine frame; PVH: the guest-physical one. */
	return arch_virt_to_gfn(va);
}
