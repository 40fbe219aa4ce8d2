/*
 * Test app: dereferences NULL. The kernel must report a crash with a
 * backtrace that names deref_null, and the runner must exit non-zero.
 */
#include <petrel/petrel.h>

/* Opaque to the optimiser, so the load really happens at run time. */
static int *volatile null_pointer;

static int __attribute__((noipa)) deref_null(int *p)
{
	return *p;
}

int main(void)
{
	int value;

	petrel_printf("nullderef: about to dereference NULL\n");
	/* Use the result after the call so it is not a tail call: main must
	 * keep its frame for the backtrace to show it. */
	value = deref_null(null_pointer);
	petrel_printf("nullderef: read %d, which should be impossible\n",
		      value);
	return 1;
}
