/*
 * Idle test: sleeps for 15 s doing nothing, so the dom0 script can
 * measure how much CPU an idle Petrel guest burns (goal: under 1%).
 */
#include <petrel/petrel.h>
#include <petrel/thread.h>

int main(void)
{
	petrel_printf("idle: sleeping 15 s\n");
	petrel_sleep_ns(15ULL * 1000 * 1000 * 1000);
	petrel_printf("idle: done\n");
	return 0;
}
