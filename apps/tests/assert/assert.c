/*
 * Test app: a failed assert() must be reported like a crash: newlib's
 * message, then abort() ends the domain as crashed with a backtrace.
 */
#include <assert.h>
#include <stdio.h>

static volatile int answer = 41;

int main(void)
{
	printf("assert: checking the answer\n");
	assert(answer == 42);
	printf("assert: survived, which is wrong\n");
	return 0;
}
