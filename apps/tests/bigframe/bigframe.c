/*
 * A frame far larger than the stack must hit the guard page (stack-clash
 * probes touch every page on the way down), never skip past it into
 * other memory. If it skipped, the sentinel in .data would change and the
 * program would say so and exit 3; the test expects a crash instead.
 */
#include <stdio.h>
#include <string.h>

static volatile unsigned long sentinel = 0x5e5e5e5e;

static unsigned long deep(size_t n)
{
	volatile unsigned char frame[4 << 20]; /* 4 MiB: past a 1 MiB stack */

	memset((void *)frame, 0xa5, n);
	return frame[n / 2] + sentinel;
}

int main(int argc, char **argv)
{
	(void)argv;
	printf("bigframe: sentinel %lx, calling\n", sentinel);
	fflush(stdout);
	deep(argc > 5 ? 1 : 16); /* touches only the low end of its frame */
	printf("bigframe: survived; sentinel %lx\n", sentinel);
	return 3;
}
