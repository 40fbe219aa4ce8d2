/*
 * Conformance test for interdomain event channels: we offer dom0 an
 * unbound port; dom0's test script binds to it (petrel-evtchn, through
 * /dev/xen/evtchn), sends 3 events, and waits for one back from us.
 */
#include <stdio.h>
#include <petrel/thread.h>
#include <petrel/xen.h>
#include <petrel/xenstore.h>

/* dom0 sends 3, spaced out; events pending at once coalesce (that is
 * the ABI), so a busy host may deliver fewer: one proves the path. */
#define WANT 1
#define WAIT_NS (60ULL * 1000 * 1000 * 1000)

static volatile int received;

/* Runs in the event upcall: count and return. */
static void on_event(unsigned int port, void *arg)
{
	(void)port;
	(void)arg;
	received++;
}

int main(void)
{
	uint64_t deadline = petrel_monotonic_ns() + WAIT_NS;
	char text[16];
	int port, rc;

	port = petrel_evtchn_alloc_unbound(0, on_event, NULL);
	if (port < 0) {
		printf("evtchn: FAILED: alloc_unbound %d\n", port);
		return 1;
	}
	snprintf(text, sizeof(text), "%d", port);
	petrel_xenstore_write("data/evtchn-port", text);
	while (received < WANT && petrel_monotonic_ns() < deadline)
		petrel_sleep_ns(10 * 1000 * 1000);
	printf("evtchn: received %d event(s) from dom0\n", received);
	rc = petrel_evtchn_send((unsigned int)port);
	printf("evtchn: sent one back: %d\n", rc);
	/* Let dom0 see it before the port goes away with us. */
	petrel_sleep_ns(2000ULL * 1000 * 1000);
	printf("evtchn: close: %d\n", petrel_evtchn_close((unsigned int)port));
	return received >= WANT && !rc ? 0 : 1;
}
