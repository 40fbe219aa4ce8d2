/*
 * Test app: a thread recurses without bound. Its stack must end at the
 * guard page and the overflow must be reported as a stack overflow, not
 * as silent corruption of whatever lies below the stack.
 */
#include <petrel/petrel.h>
#include <petrel/thread.h>

/* Opaque to the optimiser, which would otherwise see the recursion as
 * endless at build time and refuse it. */
static volatile int keep_going = 1;

static int __attribute__((noipa)) recurse(int depth)
{
	volatile char frame[512];

	frame[0] = (char)depth;
	if (!keep_going)
		return 0;
	return recurse(depth + 1) + frame[0];
}

static void *overflow_main(void *arg)
{
	(void)arg;
	petrel_printf("stackoverflow: recursing\n");
	recurse(0);
	return NULL;
}

int main(void)
{
	petrel_thread_t *t;

	if (petrel_thread_create(&t, "recurse", overflow_main, NULL) < 0)
		return 1;
	petrel_thread_join(t, NULL);
	petrel_printf("stackoverflow: survived, which is wrong\n");
	return 1;
}
