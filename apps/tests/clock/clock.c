/*
 * Conformance test for time: the pvclock monotonic clock never goes
 * backwards across many reads and sleeps, and the wall clock is
 * published to xenstore (data/petrel-wallclock, ms since the epoch)
 * every 100 ms for 8 s, so the dom0 side of the test can compare a fresh
 * value against dom0's own clock.
 */
#include <petrel/petrel.h>
#include <petrel/thread.h>
#include <petrel/xenstore.h>

#define READS 200000
#define PUBLISH_EVERY_NS (100ULL * 1000 * 1000)
#define PUBLISH_COUNT 80

static int publish_wallclock(void)
{
	char value[32];
	int rc = 0;

	for (int i = 0; i < PUBLISH_COUNT && rc >= 0; i++) {
		uint64_t wall = petrel_wallclock_ns();

		petrel_snprintf(value, sizeof(value), "%llu",
				(unsigned long long)(wall / 1000000));
		rc = petrel_xenstore_write("data/petrel-wallclock", value);
		if (i == 0)
			petrel_printf("clock: wall clock %s ms since the "
				      "epoch (publish: %d)\n",
				      value, rc);
		petrel_sleep_ns(PUBLISH_EVERY_NS);
	}
	return rc;
}

int main(void)
{
	uint64_t prev = petrel_monotonic_ns(), backwards = 0;
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

	rc = publish_wallclock();
	return backwards || rc < 0 ? 1 : 0;
}
