/*
 * Xenstore ring wire format (see xenstore_wire.h).
 *
 * Indices are free-running 32-bit counters masked into the 1 KiB rings.
 * Each call snapshots the indices once with single loads, so a backend
 * changing them concurrently cannot make us act on two different values.
 */
#include "kernel/xenstore_wire.h"

#include "kernel/lib/errno.h"
#include "kernel/lib/string.h"

#define HDR_SIZE sizeof(struct xsd_sockmsg)

static XENSTORE_RING_IDX load_idx(const XENSTORE_RING_IDX *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

static void store_idx(XENSTORE_RING_IDX *p, XENSTORE_RING_IDX v)
{
	__atomic_store_n(p, v, __ATOMIC_RELAXED);
}

/* Copy n (<= ring size) bytes into a ring at idx, wrapping at the end. */
static void ring_write(char *ring, XENSTORE_RING_IDX idx, const void *src,
		       size_t n)
{
	size_t off = MASK_XENSTORE_IDX(idx);
	size_t first = n < XENSTORE_RING_SIZE - off ? n :
						      XENSTORE_RING_SIZE - off;

	memcpy(ring + off, src, first);
	memcpy(ring, (const char *)src + first, n - first);
}

/* Copy n (<= ring size) bytes out of a ring at idx, wrapping at the end. */
static void ring_read(const char *ring, XENSTORE_RING_IDX idx, void *dst,
		      size_t n)
{
	size_t off = MASK_XENSTORE_IDX(idx);
	size_t first = n < XENSTORE_RING_SIZE - off ? n :
						      XENSTORE_RING_SIZE - off;

	memcpy(dst, ring + off, first);
	memcpy((char *)dst + first, ring, n - first);
}

/* Payload length of the joined parts; > XENSTORE_PAYLOAD_MAX if too long. */
static size_t request_len(const char *const *parts, int nparts, bool nul_last)
{
	size_t len = nparts && nul_last ? 1 : 0;
	int i;

	for (i = 0; i < nparts; i++) {
		/* Bounded scan: an overlong part only needs to be seen as such. */
		len += strnlen(parts[i], XENSTORE_PAYLOAD_MAX + 1);
		len += i + 1 < nparts; /* separator */
		if (len > XENSTORE_PAYLOAD_MAX)
			return XENSTORE_PAYLOAD_MAX + 1;
	}
	return len;
}

/* Write the joined parts at prod; returns the index past them. */
static XENSTORE_RING_IDX write_parts(char *ring, XENSTORE_RING_IDX prod,
				     const char *const *parts, int nparts,
				     bool nul_last)
{
	int i;

	for (i = 0; i < nparts; i++) {
		size_t n = strlen(parts[i]);

		/* The NUL after each part doubles as the separator. */
		if (i + 1 < nparts || nul_last)
			n++;
		ring_write(ring, prod, parts[i], n);
		prod += (XENSTORE_RING_IDX)n;
	}
	return prod;
}

int xs_wire_put_request(struct xenstore_domain_interface *intf, uint32_t type,
			uint32_t req_id, uint32_t tx_id,
			const char *const *parts, int nparts,
			bool nul_terminate_last)
{
	struct xsd_sockmsg hdr = { type, req_id, tx_id, 0 };
	XENSTORE_RING_IDX cons, prod;
	size_t len;

	if (nparts < 0 || (nparts && !parts))
		return -EINVAL;
	len = request_len(parts, nparts, nul_terminate_last);
	if (len > XENSTORE_PAYLOAD_MAX || len > XS_WIRE_RING_PAYLOAD_MAX)
		return -EMSGSIZE;

	cons = load_idx(&intf->req_cons);
	prod = load_idx(&intf->req_prod);
	if (prod - cons > XENSTORE_RING_SIZE)
		return -EIO;
	if (HDR_SIZE + len > XENSTORE_RING_SIZE - (prod - cons))
		return -EAGAIN;
	/* Read req_cons before reusing the space it says xenstored freed. */
	xs_wire_barrier();

	hdr.len = (uint32_t)len;
	ring_write(intf->req, prod, &hdr, HDR_SIZE);
	prod = write_parts(intf->req, prod + HDR_SIZE, parts, nparts,
			   nul_terminate_last);
	/* The message must be visible before req_prod says it is there. */
	xs_wire_barrier();
	store_idx(&intf->req_prod, prod);
	return 0;
}

/* Snapshot rsp_cons and the bytes available; -EIO if inconsistent. */
static int rsp_snapshot(const struct xenstore_domain_interface *intf,
			XENSTORE_RING_IDX *cons, uint32_t *avail)
{
	XENSTORE_RING_IDX prod = load_idx(&intf->rsp_prod);

	*cons = load_idx(&intf->rsp_cons);
	*avail = prod - *cons;
	if (*avail > XENSTORE_RING_SIZE)
		return -EIO;
	/* Read rsp_prod before the data it covers. */
	xs_wire_barrier();
	return 0;
}

/* Copy the header at cons into h, once, and check it. */
static int take_header(const struct xenstore_domain_interface *intf,
		       XENSTORE_RING_IDX cons, uint32_t avail,
		       struct xsd_sockmsg *h)
{
	if (avail < HDR_SIZE)
		return -EAGAIN;
	ring_read(intf->rsp, cons, h, HDR_SIZE);
	return h->len > XENSTORE_PAYLOAD_MAX ? -EIO : 0;
}

/*
 * Copy n payload bytes, the message's bytes [got, got + n), from ring
 * index idx; bytes beyond payload_size - 1 are dropped.
 */
static void take_payload(const struct xenstore_domain_interface *intf,
			 XENSTORE_RING_IDX idx, uint32_t got, uint32_t n,
			 char *payload, size_t payload_size)
{
	size_t room = payload_size ? payload_size - 1 : 0;

	if (got >= room)
		return;
	ring_read(intf->rsp, idx, payload + got,
		  n < room - got ? n : room - got);
}

/* Hand the finished message to the caller. */
static int deliver(const struct xsd_sockmsg *h, struct xsd_sockmsg *hdr,
		   char *payload, size_t payload_size)
{
	*hdr = *h;
	if (payload_size)
		payload[h->len < payload_size ? h->len : payload_size - 1] =
			'\0';
	return h->len < payload_size ? (int)h->len : -E2BIG;
}

/* Publish a new rsp_cons once all reads of the released space are done. */
static void release_rsp(struct xenstore_domain_interface *intf,
			XENSTORE_RING_IDX cons)
{
	xs_wire_barrier();
	store_idx(&intf->rsp_cons, cons);
}

int xs_wire_get_response(struct xenstore_domain_interface *intf,
			 struct xsd_sockmsg *hdr, char *payload,
			 size_t payload_size)
{
	struct xsd_sockmsg h;
	XENSTORE_RING_IDX cons;
	uint32_t avail;
	int ret;

	ret = rsp_snapshot(intf, &cons, &avail);
	if (!ret)
		ret = take_header(intf, cons, avail, &h);
	if (ret)
		return ret;
	if (h.len > XS_WIRE_RING_PAYLOAD_MAX)
		return -EMSGSIZE;
	if (avail - HDR_SIZE < h.len)
		return -EAGAIN;

	take_payload(intf, cons + HDR_SIZE, 0, h.len, payload, payload_size);
	release_rsp(intf, cons + HDR_SIZE + h.len);
	return deliver(&h, hdr, payload, payload_size);
}

void xs_wire_reader_init(struct xs_wire_reader *rd)
{
	rd->got = 0;
	rd->in_body = false;
}

int xs_wire_reader_poll(struct xenstore_domain_interface *intf,
			struct xs_wire_reader *rd, struct xsd_sockmsg *hdr,
			char *payload, size_t payload_size)
{
	XENSTORE_RING_IDX cons;
	uint32_t avail, n;
	int ret;

	ret = rsp_snapshot(intf, &cons, &avail);
	if (!ret && !rd->in_body) {
		ret = take_header(intf, cons, avail, &rd->hdr);
		if (!ret) {
			cons += HDR_SIZE;
			avail -= HDR_SIZE;
			rd->got = 0;
			rd->in_body = true;
		}
	}
	if (ret)
		return ret;

	n = rd->hdr.len - rd->got;
	if (n > avail)
		n = avail;
	take_payload(intf, cons, rd->got, n, payload, payload_size);
	rd->got += n;
	release_rsp(intf, cons + n);
	if (rd->got < rd->hdr.len)
		return -EAGAIN;
	rd->in_body = false;
	return deliver(&rd->hdr, hdr, payload, payload_size);
}

/* xenstored sends errno names, not numbers, for portability. */
/* clang-format off */
#define XS_ERR(e) { #e, e }
/* clang-format on */
static const struct {
	const char *name;
	int err;
} xs_error_names[] = {
	XS_ERR(EINVAL),	   XS_ERR(EACCES),    XS_ERR(EEXIST), XS_ERR(EISDIR),
	XS_ERR(ENOENT),	   XS_ERR(ENOMEM),    XS_ERR(ENOSPC), XS_ERR(EIO),
	XS_ERR(ENOTEMPTY), XS_ERR(ENOSYS),    XS_ERR(EROFS),  XS_ERR(EBUSY),
	XS_ERR(EAGAIN),	   XS_ERR(EISCONN),   XS_ERR(E2BIG),  XS_ERR(EPERM),
	XS_ERR(ENOTCONN),  XS_ERR(ETIMEDOUT), XS_ERR(ERANGE), XS_ERR(EOVERFLOW),
	XS_ERR(EPROTO),	   XS_ERR(EMSGSIZE),  XS_ERR(EFAULT), XS_ERR(EBADF),
};

int xs_wire_error_to_errno(const char *payload, size_t len)
{
	size_t n = strnlen(payload, len), i;

	for (i = 0; i < sizeof(xs_error_names) / sizeof(xs_error_names[0]);
	     i++) {
		const char *name = xs_error_names[i].name;

		if (strlen(name) == n && !memcmp(name, payload, n))
			return -xs_error_names[i].err;
	}
	return -EIO;
}

int xs_wire_split_watch_event(char *payload, size_t len, const char **path,
			      const char **token)
{
	size_t plen = strnlen(payload, len), rest;

	/* The path must be non-empty and NUL-terminated, then the token. */
	if (!plen || plen == len)
		return -EPROTO;
	rest = len - plen - 1;
	if (strnlen(payload + plen + 1, rest) == rest)
		return -EPROTO;
	*path = payload;
	*token = payload + plen + 1;
	return 0;
}

int xs_wire_directory_next(const char *payload, size_t len, size_t *offset,
			   const char **name)
{
	size_t off = *offset, n;

	if (off > len)
		return -EINVAL;
	for (; off < len; off++) {
		n = strnlen(payload + off, len - off);
		if (n == len - off)
			return -EPROTO;
		if (n) {
			*name = payload + off;
			*offset = off + n + 1;
			return 1;
		}
	}
	*offset = off;
	return 0;
}
