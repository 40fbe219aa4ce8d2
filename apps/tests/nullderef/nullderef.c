/*
 * Test app: dereferences NULL. The kernel must report a crash with a
 * backtrace that names deref_null, and the runner must exit non-zero.
 */
#include <petrel/petrel.h>

static int __attribute__((noinline)) deref_null(volatile int *p)
{
	return *p;
}

int main(void)
{
	petrel_printf("nullderef: about to dereference NULL\n");
	return deref_null((volatile int *)0);
}
