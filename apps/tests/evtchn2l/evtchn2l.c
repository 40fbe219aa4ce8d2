/*
 * Test app: forces the 2-level event-channel ABI (the fallback when Xen
 * offers no FIFO ABI), then exercises it with timer events (sleeping
 * threads) and xenstore events (a write and read back).
 */
#include <petrel/petrel.h>
#include <petrel/thread.h>
#include <petrel/xenstore.h>

const int petrel_evtchn_force_2level = 1;

#define NR_THREADS 10

static void *nap(void *arg)
{
	uint64_t ms = (uint64_t)(unsigned long)arg;

	petrel_sleep_ns(ms * 1000 * 1000);
	return arg;
}

int main(void)
{
	petrel_thread_t *t[NR_THREADS];
	uint64_t start = petrel_monotonic_ns();
	char value[8];
	int rc;

	for (unsigned long i = 0; i < NR_THREADS; i++)
		petrel_thread_create(&t[i], "nap", nap, (void *)(10 * i + 10));
	for (int i = 0; i < NR_THREADS; i++)
		petrel_thread_join(t[i], NULL);
	petrel_printf("evtchn2l: %d threads slept, %llu ms in all\n",
		      NR_THREADS,
		      (unsigned long long)(petrel_monotonic_ns() - start) /
			      1000000);
	rc = petrel_xenstore_write("data/evtchn2l", "ok");
	if (rc == 0)
		rc = petrel_xenstore_read("data/evtchn2l", value, sizeof(value));
	petrel_printf("evtchn2l: xenstore round trip %d (%s)\n", rc,
		      rc == 2 ? value : "-");
	return rc == 2 ? 0 : 1;
}
