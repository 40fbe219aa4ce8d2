/*
 * Unit tests for kernel/xenstore_wire.c. The test plays xenstored: it
 * reads requests out of, and writes replies into, the ring byte by byte
 * with its own index arithmetic, so encoder and decoder are checked
 * against an independent implementation of the format.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kernel/lib/errno.h"
#include "kernel/xenstore_wire.h"

static struct xenstore_domain_interface intf;

/* An empty ring whose indices all start at base. */
static void reset(uint32_t base)
{
	memset(&intf, 0xaa, sizeof(intf));
	intf.req_cons = intf.req_prod = base;
	intf.rsp_cons = intf.rsp_prod = base;
}

/* Backend side: append raw bytes to the rsp ring. */
static void backend_put(const void *data, size_t n)
{
	const unsigned char *p = data;
	size_t i;

	for (i = 0; i < n; i++)
		intf.rsp[(intf.rsp_prod + i) % XENSTORE_RING_SIZE] = p[i];
	intf.rsp_prod += n;
}

static void backend_header(uint32_t type, uint32_t req_id, uint32_t len)
{
	struct xsd_sockmsg h = { type, req_id, 0, len };

	backend_put(&h, sizeof(h));
}

static void backend_reply(uint32_t type, uint32_t req_id, const void *payload,
			  uint32_t len)
{
	backend_header(type, req_id, len);
	backend_put(payload, len);
}

/* Backend side: consume n raw bytes from the req ring. */
static void backend_take(void *out, size_t n)
{
	unsigned char *p = out;
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = intf.req[(intf.req_cons + i) % XENSTORE_RING_SIZE];
	intf.req_cons += n;
}

/* Take one request; its payload goes to buf. */
static struct xsd_sockmsg backend_request(char *buf, size_t size)
{
	struct xsd_sockmsg h;

	assert_true(intf.req_prod - intf.req_cons >= sizeof(h));
	backend_take(&h, sizeof(h));
	assert_true(h.len <= size);
	assert_true(intf.req_prod - intf.req_cons >= h.len);
	backend_take(buf, h.len);
	return h;
}

static void test_request_read(void **state)
{
	const char *parts[] = { "device/vif/0/state" };
	struct xsd_sockmsg h;
	char buf[64];

	(void)state;
	reset(0);
	assert_int_equal(
		xs_wire_put_request(&intf, XS_READ, 7, 3, parts, 1, true), 0);
	assert_int_equal(intf.req_prod, sizeof(h) + 19);
	h = backend_request(buf, sizeof(buf));
	assert_int_equal(h.type, XS_READ);
	assert_int_equal(h.req_id, 7);
	assert_int_equal(h.tx_id, 3);
	assert_int_equal(h.len, 19);
	assert_memory_equal(buf, "device/vif/0/state", 19);
}

static void test_request_parts(void **state)
{
	const char *write[] = { "data/key", "value" };
	const char *watch[] = { "backend", "tok" };
	struct xsd_sockmsg h;
	char buf[64];

	(void)state;
	reset(0);
	/* XS_WRITE: the value is not NUL-terminated. */
	assert_int_equal(
		xs_wire_put_request(&intf, XS_WRITE, 1, 0, write, 2, false), 0);
	assert_int_equal(
		xs_wire_put_request(&intf, XS_WATCH, 2, 0, watch, 2, true), 0);
	assert_int_equal(xs_wire_put_request(&intf, XS_TRANSACTION_START, 3, 0,
					     NULL, 0, true),
			 0);
	h = backend_request(buf, sizeof(buf));
	assert_int_equal(h.type, XS_WRITE);
	assert_int_equal(h.len, 14);
	assert_memory_equal(buf, "data/key\0value", 14);
	h = backend_request(buf, sizeof(buf));
	assert_int_equal(h.type, XS_WATCH);
	assert_int_equal(h.req_id, 2);
	assert_int_equal(h.len, 12);
	assert_memory_equal(buf, "backend\0tok\0", 12);
	h = backend_request(buf, sizeof(buf));
	assert_int_equal(h.type, XS_TRANSACTION_START);
	assert_int_equal(h.len, 0);
	assert_int_equal(intf.req_cons, intf.req_prod);
}

/* Requests straddling the ring end, with 32-bit index wrap as well. */
static void test_request_wraparound(void **state)
{
	static const uint32_t bases[] = { 1000, 1020, 0xfffffff0u };
	const char *parts[] = { "some/long/path/name", "a-value-here" };
	struct xsd_sockmsg h;
	char buf[64];
	size_t i;
	int round;

	(void)state;
	for (i = 0; i < sizeof(bases) / sizeof(bases[0]); i++) {
		reset(bases[i]);
		for (round = 0; round < 40; round++) {
			assert_int_equal(xs_wire_put_request(&intf, XS_WRITE,
							     round, 9, parts, 2,
							     false),
					 0);
			h = backend_request(buf, sizeof(buf));
			assert_int_equal(h.req_id, round);
			assert_int_equal(h.tx_id, 9);
			assert_int_equal(h.len, 32);
			assert_memory_equal(
				buf, "some/long/path/name\0a-value-here", 32);
		}
	}
}

static void test_request_ring_full(void **state)
{
	char big[XS_WIRE_RING_PAYLOAD_MAX + 1];
	const char *parts[] = { big };
	unsigned char before[XENSTORE_RING_SIZE];

	(void)state;
	reset(0);
	intf.req_prod = 1000; /* 24 bytes free */
	memcpy(before, intf.req, sizeof(before));
	memset(big, 'x', 8);
	big[8] = '\0';
	/* 16 + 9 bytes do not fit: nothing written, prod unchanged. */
	assert_int_equal(xs_wire_put_request(&intf, XS_READ, 1, 0, parts, 1,
					     true),
			 -EAGAIN);
	assert_int_equal(intf.req_prod, 1000);
	assert_memory_equal(before, intf.req, sizeof(before));
	/* 16 + 8 fills the ring exactly. */
	assert_int_equal(
		xs_wire_put_request(&intf, XS_READ, 1, 0, parts, 1, false), 0);
	assert_int_equal(intf.req_prod, 1024);
	assert_int_equal(xs_wire_put_request(&intf, XS_READ, 1, 0, NULL, 0,
					     false),
			 -EAGAIN);
}

static void test_request_too_big(void **state)
{
	static char big[XENSTORE_PAYLOAD_MAX + 2];
	const char *parts[] = { big };

	(void)state;
	reset(0);
	memset(big, 'x', sizeof(big) - 1);
	assert_int_equal(xs_wire_put_request(&intf, XS_READ, 1, 0, parts, 1,
					     true),
			 -EMSGSIZE);
	/* Within XENSTORE_PAYLOAD_MAX, but it can never fit in the ring. */
	big[XS_WIRE_RING_PAYLOAD_MAX + 1] = '\0';
	assert_int_equal(xs_wire_put_request(&intf, XS_WRITE, 1, 0, parts, 1,
					     false),
			 -EMSGSIZE);
	assert_int_equal(intf.req_prod, 0);
	big[XS_WIRE_RING_PAYLOAD_MAX] = '\0';
	assert_int_equal(
		xs_wire_put_request(&intf, XS_WRITE, 1, 0, parts, 1, false), 0);
	assert_int_equal(intf.req_prod, XENSTORE_RING_SIZE);
}

static void test_request_corrupt_indices(void **state)
{
	const char *parts[] = { "a" };

	(void)state;
	reset(0);
	intf.req_prod = 5;
	intf.req_cons = 6; /* consumer ahead of producer */
	assert_int_equal(xs_wire_put_request(&intf, XS_READ, 1, 0, parts, 1,
					     true),
			 -EIO);
	assert_int_equal(intf.req_prod, 5);
	intf.req_cons = 0;
	intf.req_prod = 2000;
	assert_int_equal(xs_wire_put_request(&intf, XS_READ, 1, 0, parts, 1,
					     true),
			 -EIO);
	assert_int_equal(intf.req_prod, 2000);
}

static void test_response_complete(void **state)
{
	struct xsd_sockmsg h;
	char buf[64];

	(void)state;
	reset(0);
	backend_reply(XS_READ, 12, "hello", 5);
	assert_int_equal(xs_wire_get_response(&intf, &h, buf, sizeof(buf)), 5);
	assert_int_equal(h.type, XS_READ);
	assert_int_equal(h.req_id, 12);
	assert_int_equal(h.len, 5);
	assert_string_equal(buf, "hello");
	assert_int_equal(intf.rsp_cons, 21);
	assert_int_equal(xs_wire_get_response(&intf, &h, buf, sizeof(buf)),
			 -EAGAIN);
}

static void test_response_partial(void **state)
{
	struct xsd_sockmsg h = { 0 };
	char buf[64];

	(void)state;
	reset(1010);
	backend_header(XS_DIRECTORY, 4, 6);
	/* Header, but no payload yet. */
	assert_int_equal(xs_wire_get_response(&intf, &h, buf, sizeof(buf)),
			 -EAGAIN);
	assert_int_equal(intf.rsp_cons, 1010);
	backend_put("a\0b", 3);
	assert_int_equal(xs_wire_get_response(&intf, &h, buf, sizeof(buf)),
			 -EAGAIN);
	assert_int_equal(intf.rsp_cons, 1010);
	assert_int_equal(h.type, 0);
	backend_put("\0c\0", 3);
	assert_int_equal(xs_wire_get_response(&intf, &h, buf, sizeof(buf)), 6);
	assert_int_equal(h.type, XS_DIRECTORY);
	assert_memory_equal(buf, "a\0b\0c\0", 7);
	assert_int_equal(intf.rsp_cons, 1032);
}

static void test_response_partial_header(void **state)
{
	struct xsd_sockmsg whole = { XS_READ, 1, 0, 2 };
	struct xsd_sockmsg h;
	char buf[8];

	(void)state;
	reset(0);
	backend_put(&whole, 10);
	assert_int_equal(xs_wire_get_response(&intf, &h, buf, sizeof(buf)),
			 -EAGAIN);
	assert_int_equal(intf.rsp_cons, 0);
	backend_put((char *)&whole + 10, sizeof(whole) - 10);
	backend_put("ok", 2);
	assert_int_equal(xs_wire_get_response(&intf, &h, buf, sizeof(buf)), 2);
	assert_string_equal(buf, "ok");
}

static void test_response_wraparound(void **state)
{
	static const uint32_t bases[] = { 1000, 1017, 0xffffffe0u };
	struct xsd_sockmsg h;
	char buf[128], want[100];
	size_t i;
	int round;

	(void)state;
	for (i = 0; i < sizeof(bases) / sizeof(bases[0]); i++) {
		reset(bases[i]);
		for (round = 0; round < 30; round++) {
			uint32_t len = 50 + round;

			memset(want, 'a' + round % 26, len);
			backend_reply(XS_READ, round, want, len);
			assert_int_equal(xs_wire_get_response(&intf, &h, buf,
							      sizeof(buf)),
					 len);
			assert_int_equal(h.req_id, round);
			assert_memory_equal(buf, want, len);
			assert_int_equal(buf[len], '\0');
			assert_int_equal(intf.rsp_cons, intf.rsp_prod);
		}
	}
}

static void test_response_len_too_big(void **state)
{
	struct xsd_sockmsg h;
	char buf[64];

	(void)state;
	reset(0);
	backend_header(XS_READ, 1, XENSTORE_PAYLOAD_MAX + 1);
	backend_put("x", 1);
	assert_int_equal(xs_wire_get_response(&intf, &h, buf, sizeof(buf)),
			 -EIO);
	assert_int_equal(intf.rsp_cons, 0);
	reset(0);
	backend_header(XS_READ, 1, 0xffffffffu);
	assert_int_equal(xs_wire_get_response(&intf, &h, buf, sizeof(buf)),
			 -EIO);
}

static void test_response_corrupt_indices(void **state)
{
	struct xsd_sockmsg h;
	char buf[64];

	(void)state;
	reset(0);
	backend_reply(XS_READ, 1, "x", 1);
	intf.rsp_prod = intf.rsp_cons + XENSTORE_RING_SIZE + 1;
	assert_int_equal(xs_wire_get_response(&intf, &h, buf, sizeof(buf)),
			 -EIO);
	assert_int_equal(intf.rsp_cons, 0);
	intf.rsp_prod = 0;
	intf.rsp_cons = 17; /* consumer ahead of producer */
	assert_int_equal(xs_wire_get_response(&intf, &h, buf, sizeof(buf)),
			 -EIO);
	assert_int_equal(intf.rsp_cons, 17);
}

static void test_response_truncated(void **state)
{
	struct xsd_sockmsg h;
	char buf[8];

	(void)state;
	reset(0);
	backend_reply(XS_READ, 5, "0123456789abcdefghij", 20);
	backend_reply(XS_WRITE, 6, "OK", 3);
	memset(buf, '#', sizeof(buf));
	/* Consumed, cut to 7 bytes + NUL, header says how long it was. */
	assert_int_equal(xs_wire_get_response(&intf, &h, buf, sizeof(buf)),
			 -E2BIG);
	assert_int_equal(h.req_id, 5);
	assert_int_equal(h.len, 20);
	assert_string_equal(buf, "0123456");
	/* len == payload_size - 1 still fits exactly. */
	assert_int_equal(xs_wire_get_response(&intf, &h, buf, 4), 3);
	assert_int_equal(h.req_id, 6);
	assert_string_equal(buf, "OK");
	assert_int_equal(intf.rsp_cons, intf.rsp_prod);
}

static void test_watch_event_before_reply(void **state)
{
	struct xsd_sockmsg h;
	const char *path, *token;
	char buf[64];
	int n;

	(void)state;
	reset(1000);
	backend_reply(XS_WATCH_EVENT, 0, "backend/vif/1\0tok7\0", 19);
	backend_reply(XS_READ, 7, "4", 1);

	n = xs_wire_get_response(&intf, &h, buf, sizeof(buf));
	assert_int_equal(n, 19);
	assert_int_equal(h.type, XS_WATCH_EVENT);
	assert_int_equal(h.req_id, 0);
	assert_int_equal(xs_wire_split_watch_event(buf, n, &path, &token), 0);
	assert_string_equal(path, "backend/vif/1");
	assert_string_equal(token, "tok7");

	assert_int_equal(xs_wire_get_response(&intf, &h, buf, sizeof(buf)), 1);
	assert_int_equal(h.type, XS_READ);
	assert_int_equal(h.req_id, 7);
	assert_string_equal(buf, "4");
	assert_int_equal(xs_wire_get_response(&intf, &h, buf, sizeof(buf)),
			 -EAGAIN);
}

/* A valid reply larger than the ring: -EMSGSIZE, then stream it. */
static void test_reader_streams_large_reply(void **state)
{
	static char want[3000], buf[4097];
	struct xs_wire_reader rd;
	struct xsd_sockmsg h;
	size_t sent = 0, i;
	int ret = -EAGAIN;

	(void)state;
	for (i = 0; i < sizeof(want); i++)
		want[i] = (char)('A' + i % 53);
	reset(0xfffffc00u);
	backend_header(XS_READ, 99, sizeof(want));
	backend_put(want, 100);
	sent = 100;
	assert_int_equal(xs_wire_get_response(&intf, &h, buf, sizeof(buf)),
			 -EMSGSIZE);
	assert_int_equal(intf.rsp_cons, 0xfffffc00u);

	xs_wire_reader_init(&rd);
	while (ret == -EAGAIN) {
		ret = xs_wire_reader_poll(&intf, &rd, &h, buf, sizeof(buf));
		if (ret == -EAGAIN) {
			/* Refill whatever room the reader made. */
			size_t room = XENSTORE_RING_SIZE -
				      (intf.rsp_prod - intf.rsp_cons);
			size_t n = sizeof(want) - sent < room ?
					   sizeof(want) - sent :
					   room;

			assert_true(n > 0);
			backend_put(want + sent, n);
			sent += n;
		}
	}
	assert_int_equal(ret, sizeof(want));
	assert_int_equal(h.req_id, 99);
	assert_memory_equal(buf, want, sizeof(want));
	assert_int_equal(buf[sizeof(want)], '\0');
	assert_int_equal(intf.rsp_cons, intf.rsp_prod);
}

static void test_reader_small_and_errors(void **state)
{
	struct xs_wire_reader rd;
	struct xsd_sockmsg h;
	char buf[4];

	(void)state;
	reset(0);
	xs_wire_reader_init(&rd);
	assert_int_equal(xs_wire_reader_poll(&intf, &rd, &h, buf, sizeof(buf)),
			 -EAGAIN);
	backend_reply(XS_RM, 3, "", 0);
	backend_reply(XS_READ, 4, "abcdef", 6);
	assert_int_equal(xs_wire_reader_poll(&intf, &rd, &h, buf, sizeof(buf)),
			 0);
	assert_int_equal(h.type, XS_RM);
	assert_string_equal(buf, "");
	assert_int_equal(xs_wire_reader_poll(&intf, &rd, &h, buf, sizeof(buf)),
			 -E2BIG);
	assert_int_equal(h.len, 6);
	assert_string_equal(buf, "abc");
	backend_header(XS_READ, 5, XENSTORE_PAYLOAD_MAX + 1);
	assert_int_equal(xs_wire_reader_poll(&intf, &rd, &h, buf, sizeof(buf)),
			 -EIO);
	intf.rsp_prod = intf.rsp_cons - 1;
	assert_int_equal(xs_wire_reader_poll(&intf, &rd, &h, buf, sizeof(buf)),
			 -EIO);
}

static void test_error_strings(void **state)
{
	static const struct {
		const char *name;
		int err;
	} map[] = {
		{ "ENOENT", ENOENT },	    { "EACCES", EACCES },
		{ "EEXIST", EEXIST },	    { "EISDIR", EISDIR },
		{ "ENOSPC", ENOSPC },	    { "EIO", EIO },
		{ "ENOTEMPTY", ENOTEMPTY }, { "ENOSYS", ENOSYS },
		{ "EROFS", EROFS },	    { "EBUSY", EBUSY },
		{ "EAGAIN", EAGAIN },	    { "EISCONN", EISCONN },
		{ "E2BIG", E2BIG },	    { "EPERM", EPERM },
		{ "EINVAL", EINVAL },	    { "ENOMEM", ENOMEM },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		assert_int_equal(xs_wire_error_to_errno(
					 map[i].name, strlen(map[i].name) + 1),
				 -map[i].err);
	/* Without the NUL, and with junk after it. */
	assert_int_equal(xs_wire_error_to_errno("ENOENT", 6), -ENOENT);
	assert_int_equal(xs_wire_error_to_errno("EEXIST\0xyz", 10), -EEXIST);
	assert_int_equal(xs_wire_error_to_errno("ENOENTX", 7), -EIO);
	assert_int_equal(xs_wire_error_to_errno("ENOENT", 3), -EIO);
	assert_int_equal(xs_wire_error_to_errno("EWHATEVER", 10), -EIO);
	assert_int_equal(xs_wire_error_to_errno("", 0), -EIO);
}

static void test_split_watch_event(void **state)
{
	char ok[] = "a/b\0t\0";
	char empty_token[] = "a/b\0\0";
	char no_token_nul[] = "a/b\0tok";
	char no_nul[] = "a/b";
	char empty_path[] = "\0tok\0";
	const char *path = NULL, *token = NULL;

	(void)state;
	assert_int_equal(xs_wire_split_watch_event(ok, 6, &path, &token), 0);
	assert_string_equal(path, "a/b");
	assert_string_equal(token, "t");
	assert_int_equal(
		xs_wire_split_watch_event(empty_token, 5, &path, &token), 0);
	assert_string_equal(token, "");
	path = token = NULL;
	assert_int_equal(xs_wire_split_watch_event(no_token_nul, 7, &path,
						   &token),
			 -EPROTO);
	assert_int_equal(xs_wire_split_watch_event(no_token_nul, 4, &path,
						   &token),
			 -EPROTO);
	assert_int_equal(xs_wire_split_watch_event(no_nul, 3, &path, &token),
			 -EPROTO);
	assert_int_equal(xs_wire_split_watch_event(empty_path, 5, &path,
						   &token),
			 -EPROTO);
	assert_null(path);
	assert_null(token);
}

static void test_directory_iteration(void **state)
{
	const char list[] = "a\0bb\0\0c\0";
	const char *name;
	size_t off = 0;

	(void)state;
	assert_int_equal(xs_wire_directory_next(list, 8, &off, &name), 1);
	assert_string_equal(name, "a");
	assert_int_equal(xs_wire_directory_next(list, 8, &off, &name), 1);
	assert_string_equal(name, "bb");
	/* The empty entry is skipped. */
	assert_int_equal(xs_wire_directory_next(list, 8, &off, &name), 1);
	assert_string_equal(name, "c");
	assert_int_equal(xs_wire_directory_next(list, 8, &off, &name), 0);
	assert_int_equal(xs_wire_directory_next(list, 8, &off, &name), 0);

	off = 0;
	assert_int_equal(xs_wire_directory_next("", 0, &off, &name), 0);
	off = 0;
	assert_int_equal(xs_wire_directory_next("x\0yz", 4, &off, &name), 1);
	assert_string_equal(name, "x");
	assert_int_equal(xs_wire_directory_next("x\0yz", 4, &off, &name),
			 -EPROTO);
	off = 9;
	assert_int_equal(xs_wire_directory_next(list, 8, &off, &name), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_request_read),
		cmocka_unit_test(test_request_parts),
		cmocka_unit_test(test_request_wraparound),
		cmocka_unit_test(test_request_ring_full),
		cmocka_unit_test(test_request_too_big),
		cmocka_unit_test(test_request_corrupt_indices),
		cmocka_unit_test(test_response_complete),
		cmocka_unit_test(test_response_partial),
		cmocka_unit_test(test_response_partial_header),
		cmocka_unit_test(test_response_wraparound),
		cmocka_unit_test(test_response_len_too_big),
		cmocka_unit_test(test_response_corrupt_indices),
		cmocka_unit_test(test_response_truncated),
		cmocka_unit_test(test_watch_event_before_reply),
		cmocka_unit_test(test_reader_streams_large_reply),
		cmocka_unit_test(test_reader_small_and_errors),
		cmocka_unit_test(test_error_strings),
		cmocka_unit_test(test_split_watch_event),
		cmocka_unit_test(test_directory_iteration),
	};

	/* Line-buffered, so results survive a sanitizer abort. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
