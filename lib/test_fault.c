/*
 * Expected faults for conformance tests (petrel/test.h): the public
 * face of arch/fault_catch.h, and the check built on it.
 */
#include "arch/fault_catch.h"
#include "petrel/test.h"

int petrel_test_run_faulting(void (*fn)(void *), void *arg,
			     struct petrel_fault *f)
{
	struct arch_fault_catch c = { 0 };
	int faulted = arch_fault_try(fn, arg, &c);

	/* c stays zeroed unless a fault filled it in. */
	f->vector = c.vector;
	f->error_code = c.error_code;
	f->address = c.address;
	f->rip = c.fault_rip;
	return faulted;
}

int petrel_test_expect_fault(void (*fn)(void *), void *arg,
			     unsigned long vector, long error_code,
			     unsigned long address, const char *what,
			     const char *file, int line)
{
	struct petrel_fault f;

	if (!petrel_test_run_faulting(fn, arg, &f)) {
		petrel_test_fail("%s:%d: %s returned; expected vector %lu",
				 file, line, what, vector);
		return 0;
	}
	petrel_test_note("%s: vector %lu error code %#lx address %#lx rip %#lx",
			 what, f.vector, f.error_code, f.address, f.rip);
	if (f.vector != vector ||
	    (error_code >= 0 && f.error_code != (unsigned long)error_code) ||
	    (address && f.address != address)) {
		petrel_test_fail("%s:%d: %s faulted with vector %lu error code "
				 "%#lx at %#lx; expected vector %lu error "
				 "code %#lx at %#lx",
				 file, line, what, f.vector, f.error_code,
				 f.address, vector, (unsigned long)error_code,
				 address);
		return 0;
	}
	return 1;
}
