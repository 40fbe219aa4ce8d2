/*
 * Xenstore wire format over the shared ring page: encoding requests into
 * the req ring, decoding replies and watch events from the rsp ring, and
 * parsing payloads. Pure logic: no locking, no event channel notification
 * (the caller notifies xenstored after any call that moved an index).
 *
 * The backend is untrusted: indices are read once, lengths are checked
 * before use and every copy stays inside the ring.
 */
#ifndef PETREL_KERNEL_XENSTORE_WIRE_H
#define PETREL_KERNEL_XENSTORE_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <xen/io/xs_wire.h>

/*
 * Full memory barrier between index and data accesses. Used (1) after
 * reading the indices, before touching ring data, and (2) after the data
 * accesses, before publishing the new index. Override at build time if the
 * kernel has a cheaper primitive.
 */
#ifndef xs_wire_barrier
#define xs_wire_barrier() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#endif

/*
 * Largest payload that fits in the ring together with its header. Longer
 * messages cannot be written whole; see xs_wire_reader for reading them.
 */
#define XS_WIRE_RING_PAYLOAD_MAX \
	(XENSTORE_RING_SIZE - sizeof(struct xsd_sockmsg))

/*
 * Queue one request: header, then parts joined by NUL separators, the last
 * part NUL-terminated iff nul_terminate_last (paths are, XS_WRITE's value
 * is not). Writes nothing unless the whole message fits, then publishes
 * req_prod. Returns 0, -EAGAIN if the ring lacks room now, -EMSGSIZE if the
 * payload exceeds XENSTORE_PAYLOAD_MAX or XS_WIRE_RING_PAYLOAD_MAX, -EIO if
 * the ring indices are inconsistent, -EINVAL for bad arguments.
 */
int xs_wire_put_request(struct xenstore_domain_interface *intf, uint32_t type,
			uint32_t req_id, uint32_t tx_id,
			const char *const *parts, int nparts,
			bool nul_terminate_last);

/*
 * Take one complete message (reply or watch event) from the rsp ring.
 * Copies header and payload out, NUL-terminates the payload and advances
 * rsp_cons. Returns the payload length, or:
 *   -EAGAIN   the message is not complete yet; nothing consumed.
 *   -EIO      corrupt ring: bad indices or len > XENSTORE_PAYLOAD_MAX.
 *   -EMSGSIZE len is valid but exceeds XS_WIRE_RING_PAYLOAD_MAX, so the
 *             message can never be in the ring whole; nothing consumed,
 *             continue with xs_wire_reader_poll().
 *   -E2BIG    len > payload_size - 1: the message was consumed, *hdr is
 *             valid (hdr->len is the real length) and payload holds the
 *             first payload_size - 1 bytes.
 */
int xs_wire_get_response(struct xenstore_domain_interface *intf,
			 struct xsd_sockmsg *hdr, char *payload,
			 size_t payload_size);

/*
 * Streaming variant of xs_wire_get_response for messages of any valid
 * length: consumes what is available and keeps its progress in rd, so the
 * backend can refill the ring. Same return values, except -EMSGSIZE; on
 * -EAGAIN part of a message may have been consumed into payload. After
 * -EIO the connection is unusable; re-initialise rd if it is reset.
 */
struct xs_wire_reader {
	struct xsd_sockmsg hdr;
	uint32_t got; /* payload bytes consumed so far */
	bool in_body; /* header taken, payload still arriving */
};

void xs_wire_reader_init(struct xs_wire_reader *rd);
int xs_wire_reader_poll(struct xenstore_domain_interface *intf,
			struct xs_wire_reader *rd, struct xsd_sockmsg *hdr,
			char *payload, size_t payload_size);

/* Map an XS_ERROR payload ("ENOENT" ...) to a negative errno; else -EIO. */
int xs_wire_error_to_errno(const char *payload, size_t len);

/* Split an XS_WATCH_EVENT payload "path\0token\0"; -EPROTO if malformed. */
int xs_wire_split_watch_event(char *payload, size_t len, const char **path,
			      const char **token);

/*
 * Iterate over a NUL-separated list (XS_DIRECTORY reply). Start with
 * *offset = 0. Returns 1 with *name set, 0 at the end, -EPROTO if the last
 * entry lacks its NUL, -EINVAL if *offset is past len. Empty entries are
 * skipped: xenstore has no empty node names.
 */
int xs_wire_directory_next(const char *payload, size_t len, size_t *offset,
			   const char **name);

#endif /* PETREL_KERNEL_XENSTORE_WIRE_H */
