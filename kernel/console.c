/*
 * Console ring writer. The ring indices live in memory dom0 can write,
 * so out_cons is read once per check and an impossible value (more
 * consumed than produced, or more queued than the ring holds) makes us
 * stop using the ring rather than overwrite or spin forever.
 */
#include <stdbool.h>
#include "arch/hypercall.h"
#include "arch/irq.h"
#include "kernel/console.h"
#include "kernel/evtchn.h"
#include "kernel/lib/errno.h"
#include "kernel/sched.h"

#define OUT_SIZE sizeof(((struct xencons_interface *)0)->out)
#define FULL_RING_YIELDS 1000000UL
#define FLUSH_YIELDS 200000UL

static struct xencons_interface *cons_ring;
static evtchn_port_t cons_port;

static void console_notify(void);

#define IN_SIZE sizeof(((struct xencons_interface *)0)->in)

static struct wait_queue input_wait;

static void console_event(evtchn_port_t port, void *arg)
{
	(void)port;
	(void)arg;
	wake_up_all(&input_wait);
}

int console_enable_input(void)
{
	wait_queue_init(&input_wait);
	return cons_ring ? evtchn_bind(cons_port, console_event, NULL) : 0;
}

/* Bytes of input waiting, or -1 if dom0 left the indices corrupt. */
static long input_pending(void)
{
	XENCONS_RING_IDX prod =
		__atomic_load_n(&cons_ring->in_prod, __ATOMIC_ACQUIRE);
	XENCONS_RING_IDX pending = prod - cons_ring->in_cons;

	return pending > IN_SIZE ? -1 : (long)pending;
}

long console_read(char *buf, size_t len)
{
	unsigned long flags;
	long pending;
	size_t n = 0;

	if (!cons_ring)
		return -EIO;
	flags = arch_irq_save();
	while (!(pending = input_pending()))
		wait_queue_sleep(&input_wait, 0);
	arch_irq_restore(flags);
	if (pending < 0)
		return -EIO;
	for (XENCONS_RING_IDX c = cons_ring->in_cons; n < len && pending--;
	     c++) {
		char ch = cons_ring->in[MASK_XENCONS_IDX(c, cons_ring->in)];

		/* A terminal's Enter is CR; there is no tty layer to map it
		 * (ICRNL), so do it here or line reads would never end. */
		buf[n++] = ch == '\r' ? '\n' : ch;
	}
	/* Consume only after copying, then tell dom0 there is room. */
	__atomic_store_n(&cons_ring->in_cons, cons_ring->in_cons + n,
			 __ATOMIC_RELEASE);
	console_notify();
	return (long)n;
}

void console_init(struct xencons_interface *ring, evtchn_port_t port)
{
	cons_ring = ring;
	cons_port = port;
}

void console_emergency_write(const char *buf, size_t len)
{
	hyp_console_write(buf, len);
}

static void console_notify(void)
{
	struct evtchn_send send = { .port = cons_port };

	hyp_event_channel_op(EVTCHNOP_send, &send);
}

/* Bytes dom0 has not consumed yet, or -1 if the indices are corrupt. */
static long console_pending(void)
{
	XENCONS_RING_IDX cons =
		__atomic_load_n(&cons_ring->out_cons, __ATOMIC_ACQUIRE);
	XENCONS_RING_IDX pending = cons_ring->out_prod - cons;

	return pending > OUT_SIZE ? -1 : (long)pending;
}

static bool console_wait_room(void)
{
	for (unsigned long i = 0; i < FULL_RING_YIELDS; i++) {
		long pending = console_pending();

		if (pending < 0)
			return false;
		if ((size_t)pending < OUT_SIZE)
			return true;
		console_notify();
		hyp_sched_op(SCHEDOP_yield, NULL);
	}
	return false;
}

void console_write(const char *buf, size_t len)
{
	size_t done = 0;

	if (!cons_ring) {
		console_emergency_write(buf, len);
		return;
	}
	while (done < len) {
		XENCONS_RING_IDX prod = cons_ring->out_prod;
		long pending;

		if (!console_wait_room() || (pending = console_pending()) < 0) {
			/* Wedged or hostile ring: do not lose the text. */
			cons_ring = NULL;
			console_emergency_write(buf + done, len - done);
			return;
		}
		for (size_t room = OUT_SIZE - pending; room && done < len;
		     room--)
			cons_ring->out[MASK_XENCONS_IDX(prod++, cons_ring->out)] =
				buf[done++];
		/* Publish the bytes before the index that covers them. */
		__atomic_store_n(&cons_ring->out_prod, prod, __ATOMIC_RELEASE);
		console_notify();
	}
}

void console_flush(void)
{
	if (!cons_ring)
		return;
	for (unsigned long i = 0; i < FLUSH_YIELDS; i++) {
		if (console_pending() <= 0)
			return;
		console_notify();
		hyp_sched_op(SCHEDOP_yield, NULL);
	}
}
