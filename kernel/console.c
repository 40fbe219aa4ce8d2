/*
 * Console ring writer. The ring indices live in memory dom0 can write,
 * so out_cons is read once per check and an impossible value (more
 * consumed than produced, or more queued than the ring holds) makes us
 * stop using the ring rather than overwrite or spin forever.
 *
 * Each stream's bytes are preceded by a stream switch whenever the ring
 * last carried another stream; a switch and the bytes after it go into
 * the ring in one step with events masked, so whatever interleaves
 * (another thread while we sleep, an event handler) is tagged right.
 */
#include <stdbool.h>
#include "arch/hypercall.h"
#include "arch/irq.h"
#include "kernel/console.h"
#include "kernel/console_ring.h"
#include "kernel/evtchn.h"
#include "kernel/sched.h"
#include "kernel/time.h"

#define OUT_SIZE sizeof(((struct xencons_interface *)0)->out)
/* Contexts that cannot sleep poll this many times for room, then give up
 * on the ring. */
#define FULL_RING_YIELDS 1000000UL
#define FLUSH_YIELDS 200000UL
/* A sleeping writer rechecks this often even without an event. */
#define ROOM_RECHECK_NS 1000000000ULL

static struct xencons_interface *cons_ring;
static evtchn_port_t cons_port;
static bool events_bound, panicking;

/* The stream the ring's reader is in: the kernel's at boot. */
static enum console_stream ring_stream = CONSOLE_KERNEL;

/* Writers that sleep take turns: one buffer at a time. */
static bool writer_busy;
static struct wait_queue writer_turn, ring_room_wait;

struct xencons_interface *console_ring(void)
{
	return cons_ring;
}

void console_kick(void)
{
	struct evtchn_send send = { .port = cons_port };

	hyp_event_channel_op(EVTCHNOP_send, &send);
}

void console_init(struct xencons_interface *ring, evtchn_port_t port)
{
	cons_ring = ring;
	cons_port = port;
}

static void console_event(evtchn_port_t port, void *arg)
{
	(void)port;
	(void)arg;
	wake_up_all(&ring_room_wait);
	console_input_event();
}

int console_enable_events(void)
{
	int rc;

	wait_queue_init(&writer_turn);
	wait_queue_init(&ring_room_wait);
	console_input_init();
	if (!cons_ring)
		return 0;
	rc = evtchn_bind(cons_port, console_event, NULL);
	if (rc == 0)
		events_bound = true;
	return rc;
}

int console_resume(struct xencons_interface *ring, evtchn_port_t port)
{
	/* A ring we gave up on as wedged is a fresh start in a new domain. */
	cons_ring = ring;
	cons_port = port;
	if (!events_bound || !ring)
		return 0;
	return evtchn_bind(port, console_event, NULL);
}

void console_panic_mode(void)
{
	panicking = true;
}

void console_emergency_write(const char *buf, size_t len)
{
	hyp_console_write(buf, len);
}

/* Bytes dom0 has not consumed yet, or -1 if the indices are corrupt. */
static long console_pending(void)
{
	XENCONS_RING_IDX cons =
		__atomic_load_n(&cons_ring->out_cons, __ATOMIC_ACQUIRE);
	XENCONS_RING_IDX pending = cons_ring->out_prod - cons;

	return pending > OUT_SIZE ? -1 : (long)pending;
}

/*
 * The ring is full: let dom0 drain it. Sleepers wait for the console
 * event (xenconsoled notifies when it consumes); others poll, and after
 * FULL_RING_YIELDS polls return false.
 */
static bool wait_for_room(bool sleepable, unsigned long *polls)
{
	console_kick();
	if (sleepable) {
		wait_queue_sleep(&ring_room_wait,
				 monotonic_ns() + ROOM_RECHECK_NS);
		return true;
	}
	if (++*polls > FULL_RING_YIELDS)
		return false;
	hyp_sched_op(SCHEDOP_yield, NULL);
	return true;
}

static XENCONS_RING_IDX ring_copy(XENCONS_RING_IDX prod, const char *buf,
				  size_t len)
{
	while (len--)
		cons_ring->out[MASK_XENCONS_IDX(prod++, cons_ring->out)] =
			*buf++;
	return prod;
}

/* Put buf into the ring, with stream switches; events are masked. */
static void ring_write(enum console_stream s, const char *buf, size_t len,
		       bool sleepable)
{
	char switch_seq[CONSOLE_SWITCH_MAX];
	unsigned long polls = 0;

	while (len) {
		size_t switch_len =
			s == ring_stream ? 0 :
					   console_stream_switch(s, switch_seq);
		long pending = console_pending();
		XENCONS_RING_IDX prod = cons_ring->out_prod;
		size_t room, n;

		if (pending < 0)
			goto wedged;
		room = OUT_SIZE - (size_t)pending;
		if (room <= switch_len) {
			if (!wait_for_room(sleepable, &polls))
				goto wedged;
			continue;
		}
		n = room - switch_len < len ? room - switch_len : len;
		prod = ring_copy(prod, switch_seq, switch_len);
		prod = ring_copy(prod, buf, n);
		ring_stream = s;
		/* Publish the bytes before the index that covers them. */
		__atomic_store_n(&cons_ring->out_prod, prod, __ATOMIC_RELEASE);
		console_kick();
		buf += n;
		len -= n;
	}
	return;
wedged:
	/* Wedged or hostile ring: do not lose the text. */
	cons_ring = NULL;
	console_emergency_write(buf, len);
}

void console_write_stream(enum console_stream s, const char *buf, size_t len)
{
	unsigned long was_masked;
	bool sleepable;

	if (!cons_ring) {
		console_emergency_write(buf, len);
		return;
	}
	was_masked = arch_irq_save();
	sleepable = events_bound && !panicking && !was_masked;
	if (sleepable) {
		while (writer_busy)
			wait_queue_sleep(&writer_turn, 0);
		writer_busy = true;
	}
	if (cons_ring)
		ring_write(s, buf, len, sleepable);
	else
		console_emergency_write(buf, len);
	if (sleepable) {
		writer_busy = false;
		wake_up_one(&writer_turn);
	}
	arch_irq_restore(was_masked);
}

void console_write(const char *buf, size_t len)
{
	console_write_stream(CONSOLE_KERNEL, buf, len);
}

void console_flush(void)
{
	if (!cons_ring)
		return;
	for (unsigned long i = 0; i < FLUSH_YIELDS; i++) {
		if (console_pending() <= 0)
			return;
		console_kick();
		hyp_sched_op(SCHEDOP_yield, NULL);
	}
}
