/*
 * Fuzzes the xenstore ring codec (kernel/xenstore_wire.c) against a
 * hostile xenstored. The input is a script: the backend appends bytes or
 * headers to the rsp ring, consumes requests, or scribbles over the ring
 * indices, while the guest queues requests and takes replies with
 * xs_wire_reader_poll (as kernel/xenstore.c does) or, per input,
 * xs_wire_get_response. Asserts, besides no sanitizer report:
 *  - every result is one the header documents, and an accepted reply is
 *    well-formed: len == the result, <= XENSTORE_PAYLOAD_MAX, the payload
 *    NUL-terminated inside its buffer (also for -E2BIG);
 *  - rsp_cons only moves forward, never past rsp_prod, and not at all on
 *    -EAGAIN (get_response), -EMSGSIZE or -EIO; taking replies never
 *    writes the req side or the rsp ring, queueing never the rsp side;
 *  - while the backend only appended, each reply is exactly the next
 *    message it wrote, and each queued request is exactly the header and
 *    joined parts asked for;
 *  - the payload parsers (error names, watch events, directory lists)
 *    only return pointers to NUL-terminated strings inside the payload.
 */
#include <stdbool.h>

#include "kernel/lib/errno.h"
#include "kernel/xenstore_wire.h"
#include "fuzz.h"

#define HDR sizeof(struct xsd_sockmsg)
#define MODEL_MAX (64 * 1024)
#define MAX_OPS 1024

struct harness {
	struct xenstore_domain_interface *intf;
	char *payload;
	size_t payload_size;
	bool use_reader, corrupt;
	XENSTORE_RING_IDX base; /* where every index started */
	struct xs_wire_reader rd;
	/* What an honest backend appended, and how much was delivered. */
	uint8_t model[MODEL_MAX];
	size_t model_len, model_done;
};

static const size_t payload_sizes[] = {
	0, 1, 2, 16, 100, XENSTORE_RING_SIZE, XENSTORE_PAYLOAD_MAX + 1,
};

static void backend_append(struct harness *h, const void *data, size_t n)
{
	struct xenstore_domain_interface *intf = h->intf;
	uint32_t room = XENSTORE_RING_SIZE - (intf->rsp_prod - intf->rsp_cons);

	if (h->corrupt || room > XENSTORE_RING_SIZE)
		return;
	if (n > room)
		n = room;
	if (h->model_len + n > MODEL_MAX)
		n = MODEL_MAX - h->model_len;
	for (size_t i = 0; i < n; i++)
		intf->rsp[MASK_XENSTORE_IDX(intf->rsp_prod + i)] =
			((const char *)data)[i];
	memcpy(h->model + h->model_len, data, n);
	h->model_len += n;
	intf->rsp_prod += (XENSTORE_RING_IDX)n;
}

static void op_append_bytes(struct harness *h, struct fuzz_input *in)
{
	uint8_t bytes[256];
	size_t n = fuzz_u8(in);

	fuzz_take(in, bytes, n);
	backend_append(h, bytes, n);
}

static void op_append_header(struct harness *h, struct fuzz_input *in)
{
	struct xsd_sockmsg m = {
		.type = fuzz_u8(in),
		.req_id = fuzz_u8(in),
		.tx_id = 0,
		/* A little past the largest valid length. */
		.len = fuzz_u16(in) % (XENSTORE_PAYLOAD_MAX + 64),
	};

	backend_append(h, &m, sizeof(m));
}

/* The payload parsers, on a payload of len bytes the codec accepted. */
static void check_parsers(char *p, size_t len)
{
	const char *path, *token, *name;
	size_t off = 0, prev;
	int rc;

	FUZZ_CHECK(xs_wire_error_to_errno(p, len) < 0);
	if (xs_wire_split_watch_event(p, len, &path, &token) == 0) {
		FUZZ_CHECK(path == p && strlen(path) > 0);
		FUZZ_CHECK(token == path + strlen(path) + 1);
		FUZZ_CHECK(token + strlen(token) < p + len);
	}
	for (;;) {
		prev = off;
		rc = xs_wire_directory_next(p, len, &off, &name);
		FUZZ_CHECK(rc == 1 || rc == 0 || rc == -EPROTO);
		if (rc != 1)
			break;
		FUZZ_CHECK(off > prev && off <= len);
		FUZZ_CHECK(name >= p + prev && strlen(name) > 0);
		FUZZ_CHECK(name + strlen(name) + 1 == p + off);
	}
	FUZZ_CHECK(rc != 0 || off == len);
}

/* A delivered message (rc >= 0 or -E2BIG): well-formed, and the model's. */
static void check_delivered(struct harness *h, const struct xsd_sockmsg *m,
			    int rc, uint32_t consumed)
{
	size_t size = h->payload_size, kept;

	FUZZ_CHECK(m->len <= XENSTORE_PAYLOAD_MAX);
	if (rc >= 0) {
		FUZZ_CHECK((uint32_t)rc == m->len && m->len < size);
		FUZZ_CHECK(h->payload[rc] == '\0');
		check_parsers(h->payload, (size_t)rc);
	} else {
		FUZZ_CHECK(m->len >= size);
		FUZZ_CHECK(!size || h->payload[size - 1] == '\0');
	}
	if (h->corrupt)
		return;
	/* The next message the backend wrote, whole, and nothing more. */
	FUZZ_CHECK(h->model_done + HDR + m->len <= h->model_len);
	FUZZ_CHECK(!memcmp(h->model + h->model_done, m, HDR));
	kept = m->len < size ? m->len : size ? size - 1 : 0;
	FUZZ_CHECK(!memcmp(h->model + h->model_done + HDR, h->payload, kept));
	h->model_done += HDR + m->len;
	FUZZ_CHECK(consumed == h->model_done);
}

static void op_take_reply(struct harness *h)
{
	struct xenstore_domain_interface *intf = h->intf;
	static struct xenstore_domain_interface before;
	XENSTORE_RING_IDX cons = intf->rsp_cons, prod = intf->rsp_prod;
	struct xsd_sockmsg m;
	uint32_t moved;
	int rc;

	before = *intf;
	if (h->use_reader)
		rc = xs_wire_reader_poll(intf, &h->rd, &m, h->payload,
					 h->payload_size);
	else
		rc = xs_wire_get_response(intf, &m, h->payload,
					  h->payload_size);
	FUZZ_CHECK(rc >= 0 || rc == -EAGAIN || rc == -EIO || rc == -E2BIG ||
		   (rc == -EMSGSIZE && !h->use_reader));
	/* Only rsp_cons may change. */
	FUZZ_CHECK(!memcmp(before.req, intf->req, sizeof(intf->req)));
	FUZZ_CHECK(!memcmp(before.rsp, intf->rsp, sizeof(intf->rsp)));
	FUZZ_CHECK(before.req_cons == intf->req_cons &&
		   before.req_prod == intf->req_prod &&
		   before.rsp_prod == intf->rsp_prod);
	moved = intf->rsp_cons - cons;
	if (rc == -EIO || rc == -EMSGSIZE || (rc == -EAGAIN && !h->use_reader))
		FUZZ_CHECK(moved == 0);
	else
		FUZZ_CHECK(moved <= prod - cons);
	if (rc >= 0 || rc == -E2BIG)
		check_delivered(h, &m, rc, intf->rsp_cons - h->base);
	if (rc == -EIO)
		h->corrupt = true; /* the connection is unusable from here */
}

/* The guest queues a request of up to 3 parts taken from the input. */
static void op_put_request(struct harness *h, struct fuzz_input *in)
{
	struct xenstore_domain_interface *intf = h->intf;
	static struct xenstore_domain_interface before;
	char text[3][256], joined[3 * 256];
	const char *parts[3];
	int nparts = fuzz_u8(in) % 4, rc;
	bool nul_last = fuzz_u8(in) & 1;
	uint32_t type = fuzz_u8(in), req_id = fuzz_u32(in);
	struct xsd_sockmsg m;
	size_t len = 0;

	for (int i = 0; i < nparts; i++) {
		size_t n = fuzz_u8(in);

		fuzz_take(in, text[i], n);
		text[i][n < sizeof(text[i]) ? n : sizeof(text[i]) - 1] = 0;
		parts[i] = text[i];
		/* The expected payload: parts joined by NULs. */
		memcpy(joined + len, text[i], strlen(text[i]));
		len += strlen(text[i]);
		if (i + 1 < nparts || nul_last)
			joined[len++] = 0;
	}
	before = *intf;
	rc = xs_wire_put_request(intf, type, req_id, 0, parts, nparts,
				 nul_last);
	FUZZ_CHECK(rc == 0 || rc == -EAGAIN || rc == -EIO);
	FUZZ_CHECK(!memcmp(before.rsp, intf->rsp, sizeof(intf->rsp)));
	FUZZ_CHECK(before.rsp_cons == intf->rsp_cons &&
		   before.rsp_prod == intf->rsp_prod &&
		   before.req_cons == intf->req_cons);
	if (rc) {
		FUZZ_CHECK(!memcmp(&before, intf, sizeof(before)));
		return;
	}
	FUZZ_CHECK(intf->req_prod - before.req_prod == HDR + len);
	for (size_t i = 0; i < HDR + len; i++) {
		char c = intf->req[MASK_XENSTORE_IDX(before.req_prod + i)];

		if (i < HDR)
			((char *)&m)[i] = c;
		else
			FUZZ_CHECK(c == joined[i - HDR]);
	}
	FUZZ_CHECK(m.type == type && m.req_id == req_id && m.tx_id == 0 &&
		   m.len == len);
}

/* xenstored takes requests: honestly, or by moving req_cons anywhere. */
static void op_consume_requests(struct harness *h, struct fuzz_input *in)
{
	h->intf->req_cons += fuzz_u16(in) % (2 * XENSTORE_RING_SIZE);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = { data, size };
	static struct harness h;
	XENSTORE_RING_IDX base = fuzz_u32(&in);
	uint8_t mode = fuzz_u8(&in);

	h = (struct harness){ .use_reader = !(mode & 0x80), .base = base };
	h.payload_size =
		payload_sizes[(mode & 0x7f) % (sizeof(payload_sizes) /
					       sizeof(payload_sizes[0]))];
	h.payload = malloc(h.payload_size ? h.payload_size : 1);
	h.intf = malloc(sizeof(*h.intf));
	if (!h.payload || !h.intf)
		abort();
	memset(h.intf, 0, sizeof(*h.intf));
	h.intf->req_cons = h.intf->req_prod = base;
	h.intf->rsp_cons = h.intf->rsp_prod = base;
	xs_wire_reader_init(&h.rd);

	for (int ops = 0; !fuzz_done(&in) && ops < MAX_OPS; ops++) {
		switch (fuzz_u8(&in) % 8) {
		case 0:
			op_append_bytes(&h, &in);
			break;
		case 1:
			op_append_header(&h, &in);
			break;
		case 2: /* hostile: any rsp_prod */
			h.intf->rsp_prod = fuzz_u32(&in);
			h.corrupt = true;
			break;
		case 3: /* hostile: any rsp_cons */
			h.intf->rsp_cons = fuzz_u32(&in);
			h.corrupt = true;
			break;
		case 4:
		case 5:
			op_take_reply(&h);
			break;
		case 6:
			op_put_request(&h, &in);
			break;
		case 7:
			op_consume_requests(&h, &in);
			break;
		}
	}
	free(h.payload);
	free(h.intf);
	return 0;
}
