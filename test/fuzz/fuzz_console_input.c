/*
 * Fuzzes the console ring reader (kernel/console_input.c, with the
 * stdin framing of kernel/console_frame.c) against a hostile console
 * backend. The file is included here, so each input starts with fresh
 * static state; the kernel services it calls are stubs below, and a
 * read that would sleep ends the step instead. The input is a script:
 * the backend appends bytes or scribbles over in_prod / in_cons, while
 * the guest reads (typed or piped input), polls and takes marks.
 * Asserts, besides no sanitizer report:
 *  - console_read returns -EIO only when the indices are inconsistent,
 *    at most len bytes, and 0 only at the end of piped input;
 *  - while the backend only appended, what reads return is exactly the
 *    appended bytes decoded (CR to LF when typed; 0xFF 0xFF and the
 *    0xFF 0x00 end mark when piped), and nothing after the end mark;
 *  - in_cons moves forward by at most what was pending, and neither
 *    reading nor polling writes the output ring or in_prod; polling
 *    consumes nothing.
 */
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>

#include "kernel/console_input.c"
#include "fuzz.h"

#define MAX_OPS 512
#define MODEL_MAX (64 * 1024)

/* The kernel services console_input.c uses, as no-op stubs. */
static struct vcpu_info stub_vcpu;
static const struct arch_platform stub_platform = { .name = "fuzz" };
const struct arch_platform *arch_platform = &stub_platform;
struct vcpu_info *arch_vcpu = &stub_vcpu;
struct shared_info *arch_shared;
static struct xencons_interface *stub_ring;
static jmp_buf would_sleep;

void arch_irq_enable(void)
{
	stub_vcpu.evtchn_upcall_mask = 0;
}

struct xencons_interface *console_ring(void)
{
	return stub_ring;
}

void console_kick(void)
{
}

void wait_queue_init(struct wait_queue *wq)
{
	(void)wq;
}

void wake_up_all(struct wait_queue *wq)
{
	(void)wq;
}

bool wait_queue_sleep(struct wait_queue *wq, uint64_t deadline_ns)
{
	(void)wq;
	(void)deadline_ns;
	longjmp(would_sleep, 1);
}

struct model {
	bool piped, corrupt, escaped, eof;
	uint8_t out[MODEL_MAX]; /* the appended bytes, decoded */
	size_t out_len, read;
};

/* The framing, independently of console_frame.c. */
static void model_decode(struct model *m, uint8_t c)
{
	if (m->eof || m->out_len == MODEL_MAX)
		return;
	if (!m->piped) {
		m->out[m->out_len++] = c == '\r' ? '\n' : c;
	} else if (m->escaped) {
		m->escaped = false;
		if (c == 0)
			m->eof = true;
		else
			m->out[m->out_len++] = c;
	} else if (c == 0xff) {
		m->escaped = true;
	} else {
		m->out[m->out_len++] = c;
	}
}

static void op_append(struct model *m, struct fuzz_input *in)
{
	struct xencons_interface *r = stub_ring;
	uint32_t room = IN_SIZE - (r->in_prod - r->in_cons);
	uint8_t bytes[256];
	size_t n = fuzz_u8(in);

	fuzz_take(in, bytes, n);
	if (m->corrupt || room > IN_SIZE)
		return;
	for (size_t i = 0; i < n && i < room; i++) {
		r->in[MASK_XENCONS_IDX(r->in_prod, r->in)] = (char)bytes[i];
		r->in_prod++;
		model_decode(m, bytes[i]);
	}
}

static void op_read(struct model *m, struct fuzz_input *in)
{
	static struct xencons_interface before;
	struct xencons_interface *r = stub_ring;
	size_t len = fuzz_u8(in) % 80;
	char *buf = malloc(len ? len : 1);
	uint32_t pending = r->in_prod - r->in_cons;
	volatile long n = -1000;

	if (!buf)
		abort();
	before = *r;
	if (!setjmp(would_sleep))
		n = console_read(buf, len);
	FUZZ_CHECK(!memcmp(before.out, r->out, sizeof(r->out)));
	FUZZ_CHECK(before.out_cons == r->out_cons &&
		   before.out_prod == r->out_prod &&
		   before.in_prod == r->in_prod);
	FUZZ_CHECK(r->in_cons - before.in_cons <=
		   (pending <= IN_SIZE ? pending : 0));
	if (n == -1000) { /* it slept: all pending input decoded to nothing */
		FUZZ_CHECK(len && r->in_prod == r->in_cons && !decoder.eof);
	} else if (n == -EIO) {
		FUZZ_CHECK(pending > IN_SIZE);
	} else {
		FUZZ_CHECK(n >= 0 && (size_t)n <= len);
		FUZZ_CHECK(n > 0 || !len || (m->piped && decoder.eof));
	}
	if (n > 0 && !m->corrupt) {
		FUZZ_CHECK(m->read + (size_t)n <= m->out_len);
		FUZZ_CHECK(!memcmp(m->out + m->read, buf, (size_t)n));
		m->read += (size_t)n;
	}
	if (n == 0 && len && !m->corrupt)
		FUZZ_CHECK(m->eof && m->read == m->out_len);
	free(buf);
}

static void op_poll(void)
{
	static struct xencons_interface before;
	struct stdin_decoder was = decoder;

	before = *stub_ring;
	console_input_poll();
	console_input_mark();
	FUZZ_CHECK(!memcmp(&before, stub_ring, sizeof(before)));
	FUZZ_CHECK(was.eof == decoder.eof && was.escaped == decoder.escaped);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = { data, size };
	static struct model m;
	uint8_t mode = fuzz_u8(&in);
	uint32_t base = fuzz_u32(&in);

	stub_ring = calloc(1, sizeof(*stub_ring));
	if (!stub_ring)
		abort();
	stub_ring->in_cons = stub_ring->in_prod = base;
	m = (struct model){ .piped = mode & 1 };
	decoder = (struct stdin_decoder){ 0 };
	console_set_stdio(CONSOLE_STDIO_FDS, m.piped);
	console_input_init();

	for (int ops = 0; !fuzz_done(&in) && ops < MAX_OPS; ops++) {
		switch (fuzz_u8(&in) % 6) {
		case 0:
			op_append(&m, &in);
			break;
		case 1: /* hostile: any in_prod */
			stub_ring->in_prod = fuzz_u32(&in);
			m.corrupt = true;
			break;
		case 2: /* hostile: any in_cons */
			stub_ring->in_cons = fuzz_u32(&in);
			m.corrupt = true;
			break;
		case 3:
		case 4:
			op_read(&m, &in);
			break;
		case 5:
			op_poll();
			break;
		}
	}
	free(stub_ring);
	return 0;
}
