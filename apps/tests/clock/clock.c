/*
 * Conformance test for time: the pvclock monotonic clock never goes
 * backwards across many reads and sleeps, and the wall clock is
 * published to xenstore (data/petrel-wallclock) for the dom0 side of the
 * test to compare against dom0's own clock.
 */
#include <petrel/petrel.h>
#include <petrel/thread.h>
#include <petrel/xenstore.h>

#define READS 200000

int main(void)
{
	uint64_t prev = petrel_monotonic_ns(), backwards = 0;
	char value[32];
	uint64_t wall;
	int rc;

	for (int i = 0; i < READS; i++) {
		uint64_t now = petrel_monotonic_ns();

		if (now < prev)
			backwards++;
		prev = now;
		if (i % 20000 == 0)
			petrel_sleep_ns(1000000);
	}
	petrel_printf("clock: %d reads, %llu went backwards\n", READS,
		      (unsigned long long)backwards);

	wall = petrel_wallclock_ns();
	petrel_snprintf(value, sizeof(value), "%llu",
			(unsigned long long)(wall / 1000000));
	rc = petrel_xenstore_write("data/petrel-wallclock", value);
	petrel_printf("clock: wall clock %s ms since the epoch (publish: %d)\n",
		      value, rc);
	/* Give dom0 time to read it before we shut down. */
	petrel_sleep_ns(3000000000ULL);
	return backwards || rc < 0 ? 1 : 0;
}
