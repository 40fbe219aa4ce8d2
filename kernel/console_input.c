/*
 * Console input, and how stdio is connected. Input is either typed (a
 * human on xl console: CR becomes LF, there is no end) or piped by the
 * runner (framed, exact bytes, then an end: console_frame.h).
 */
#include "arch/irq.h"
#include "kernel/console.h"
#include "kernel/console_ring.h"
#include "kernel/lib/errno.h"
#include "kernel/sched.h"

#define IN_SIZE sizeof(((struct xencons_interface *)0)->in)

static struct wait_queue input_wait;
static unsigned int terminal_fds = CONSOLE_STDIO_FDS;
static bool input_piped;
static struct stdin_decoder decoder;

void console_set_stdio(unsigned int tty_fds, bool stdin_piped)
{
	terminal_fds = tty_fds & CONSOLE_STDIO_FDS;
	input_piped = stdin_piped;
}

bool console_is_terminal(int fd)
{
	return fd >= 0 && fd < 3 && (terminal_fds >> fd) & 1;
}

void console_input_init(void)
{
	wait_queue_init(&input_wait);
}

void console_input_event(void)
{
	wake_up_all(&input_wait);
}

/* Bytes of input waiting, or -1 if dom0 left the indices corrupt. */
static long input_pending(struct xencons_interface *ring)
{
	XENCONS_RING_IDX prod =
		__atomic_load_n(&ring->in_prod, __ATOMIC_ACQUIRE);
	XENCONS_RING_IDX pending = prod - ring->in_cons;

	return pending > IN_SIZE ? -1 : (long)pending;
}

/* Turn one ring byte into at most one input byte: -1 for none. */
static int input_byte(char c)
{
	/* A terminal's Enter is CR; there is no tty layer to map it (ICRNL),
	 * so do it here or line reads would never end. */
	if (!input_piped)
		return c == '\r' ? '\n' : (unsigned char)c;
	return stdin_decode(&decoder, (unsigned char)c);
}

/* Take up to len input bytes out of the pending ones; events masked. */
static size_t take_input(struct xencons_interface *ring, char *buf, size_t len,
			 long pending)
{
	XENCONS_RING_IDX c = ring->in_cons;
	size_t n = 0;

	for (; n < len && pending && !decoder.eof; pending--) {
		int b = input_byte(ring->in[MASK_XENCONS_IDX(c++, ring->in)]);

		if (b >= 0)
			buf[n++] = (char)b;
	}
	/* Consume only after copying, then tell dom0 there is room. */
	__atomic_store_n(&ring->in_cons, c, __ATOMIC_RELEASE);
	console_kick();
	return n;
}

long console_read(char *buf, size_t len)
{
	struct xencons_interface *ring = console_ring();
	unsigned long flags;
	long n = 0;

	if (!ring)
		return -EIO;
	if (!len)
		return 0;
	flags = arch_irq_save();
	while (!n && !decoder.eof) {
		long pending = input_pending(ring);

		if (pending < 0) {
			n = -EIO;
			break;
		}
		if (pending)
			n = (long)take_input(ring, buf, len, pending);
		else
			wait_queue_sleep(&input_wait, 0);
	}
	arch_irq_restore(flags);
	return n;
}

struct wait_queue *console_input_queue(void)
{
	return &input_wait;
}

unsigned int console_input_mark(void)
{
	struct xencons_interface *ring = console_ring();

	return ring ? __atomic_load_n(&ring->in_prod, __ATOMIC_ACQUIRE) : 0;
}

/* Decode the pending bytes on a copy of the decoder: framing alone (a
 * lone escape) is not input yet. */
unsigned int console_input_poll(void)
{
	struct xencons_interface *ring = console_ring();
	struct stdin_decoder peek = decoder;
	unsigned int state = 0;
	unsigned long flags;
	long pending;

	if (!ring || decoder.eof)
		return CONSOLE_INPUT_END;
	flags = arch_irq_save();
	pending = input_pending(ring);
	if (pending < 0)
		state = CONSOLE_INPUT_END; /* reads fail at once */
	for (XENCONS_RING_IDX c = ring->in_cons; pending > 0 && !peek.eof;
	     pending--) {
		char b = ring->in[MASK_XENCONS_IDX(c++, ring->in)];
		int got = input_piped ? stdin_decode(&peek, (unsigned char)b) :
					(unsigned char)b;

		if (got >= 0)
			state |= CONSOLE_INPUT_DATA;
		else if (got == STDIN_DECODE_EOF)
			state |= CONSOLE_INPUT_END;
	}
	arch_irq_restore(flags);
	return state;
}
