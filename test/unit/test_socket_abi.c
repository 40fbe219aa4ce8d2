/*
 * Unit tests for the Linux side of the socket translation
 * (lib/libc/socket_abi.c, socket_map.c), built here against glibc's own
 * headers: Linux's sockaddrs and constants become the neutral form the
 * stack side reads, and come back unchanged.
 */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <cmocka.h>
#include "lib/libc/socket_abi.h"

static void test_sockaddr_in_round_trip(void **state)
{
	struct sockaddr_in in = { .sin_family = AF_INET,
				  .sin_port = htons(8080),
				  .sin_addr.s_addr = htonl(0x7f000001) };
	struct sockaddr_in back;
	socklen_t len = sizeof(back);
	struct stack_addr a;

	(void)state;
	assert_int_equal(
		sockaddr_to_stack((struct sockaddr *)&in, sizeof(in), &a), 0);
	assert_int_equal(a.family, ID_AF_INET);
	assert_int_equal(a.port, htons(8080));
	assert_memory_equal(a.addr, "\x7f\0\0\x01", 4);
	memset(&back, 0xaa, sizeof(back));
	sockaddr_from_stack(&a, (struct sockaddr *)&back, &len);
	assert_int_equal(len, sizeof(struct sockaddr_in));
	assert_memory_equal(&back, &in, sizeof(in)); /* sin_zero zeroed */
}

static void test_sockaddr_in6_round_trip(void **state)
{
	struct sockaddr_in6 in6 = { .sin6_family = AF_INET6,
				    .sin6_port = htons(443),
				    .sin6_flowinfo = htonl(0x12345),
				    .sin6_scope_id = 3 };
	struct sockaddr_in6 back;
	socklen_t len = sizeof(back);
	struct stack_addr a;

	(void)state;
	in6.sin6_addr.s6_addr[0] = 0xfe;
	in6.sin6_addr.s6_addr[1] = 0x80;
	in6.sin6_addr.s6_addr[15] = 1;
	assert_int_equal(
		sockaddr_to_stack((struct sockaddr *)&in6, sizeof(in6), &a), 0);
	assert_int_equal(a.family, ID_AF_INET6);
	assert_int_equal(a.scope_id, 3);
	assert_int_equal(a.flowinfo, htonl(0x12345));
	assert_int_equal(sockaddr_size(&a), sizeof(struct sockaddr_in6));
	sockaddr_from_stack(&a, (struct sockaddr *)&back, &len);
	assert_int_equal(len, sizeof(back));
	assert_memory_equal(&back, &in6, sizeof(in6));
}

static void test_bad_sockaddrs(void **state)
{
	struct sockaddr_in in = { .sin_family = AF_INET };
	struct sockaddr_in6 in6 = { .sin6_family = AF_INET6 };
	struct sockaddr sa = { .sa_family = AF_UNIX };
	struct stack_addr a;

	(void)state;
	assert_int_equal(sockaddr_to_stack(NULL, sizeof(in), &a), -EINVAL);
	assert_int_equal(sockaddr_to_stack((struct sockaddr *)&in, 1, &a),
			 -EINVAL);
	assert_int_equal(sockaddr_to_stack((struct sockaddr *)&in,
					   sizeof(in) - 1, &a),
			 -EINVAL);
	assert_int_equal(sockaddr_to_stack((struct sockaddr *)&in6,
					   sizeof(struct sockaddr_in), &a),
			 -EINVAL);
	assert_int_equal(sockaddr_to_stack(&sa, sizeof(sa), &a), -EAFNOSUPPORT);
}

/* accept() and getsockname() copy at most *len bytes and then say the
 * full size. */
static void test_truncated_copy(void **state)
{
	struct stack_addr a = { .family = ID_AF_INET6, .port = htons(1) };
	unsigned char buf[32];
	socklen_t len = 4;

	(void)state;
	memset(buf, 0xaa, sizeof(buf));
	sockaddr_from_stack(&a, (struct sockaddr *)buf, &len);
	assert_int_equal(len, sizeof(struct sockaddr_in6));
	assert_int_equal(buf[0] | buf[1] << 8, AF_INET6);
	assert_int_equal(buf[4], 0xaa); /* nothing past the 4 bytes */
	len = 0;
	sockaddr_from_stack(&a, NULL, &len);
	assert_int_equal(len, sizeof(struct sockaddr_in6));
}

static void test_options(void **state)
{
	enum sockopt_kind kind;

	(void)state;
	assert_int_equal(abi_sockopt_id(SOL_SOCKET, SO_REUSEADDR, &kind),
			 SOCKOPT_SO_REUSEADDR);
	assert_int_equal(kind, SOCKOPT_BOOL);
	assert_int_equal(abi_sockopt_id(SOL_SOCKET, SO_RCVTIMEO, &kind),
			 SOCKOPT_SO_RCVTIMEO);
	assert_int_equal(kind, SOCKOPT_TIMEVAL);
	assert_int_equal(abi_sockopt_id(SOL_SOCKET, SO_LINGER, &kind),
			 SOCKOPT_SO_LINGER);
	assert_int_equal(kind, SOCKOPT_LINGER);
	assert_int_equal(abi_sockopt_id(IPPROTO_TCP, TCP_KEEPIDLE, &kind),
			 SOCKOPT_TCP_KEEPIDLE);
	assert_int_equal(abi_sockopt_id(IPPROTO_IPV6, IPV6_V6ONLY, &kind),
			 SOCKOPT_IPV6_V6ONLY);
	/* The name alone is not enough: SO_REUSEADDR (2) at the TCP level
	 * is TCP_MAXSEG, which the stack does not have. */
	assert_int_equal(abi_sockopt_id(IPPROTO_TCP, SO_REUSEADDR, &kind), -1);
	assert_int_equal(abi_sockopt_id(SOL_SOCKET, SO_PEERCRED, &kind), -1);
}

static void test_families_types_flags(void **state)
{
	int unknown = -1;
	unsigned int ids;

	(void)state;
	assert_int_equal(abi_family_id(AF_INET6), ID_AF_INET6);
	assert_int_equal(abi_family(ID_AF_INET), AF_INET);
	assert_int_equal(abi_family_id(AF_UNIX), -1);
	assert_int_equal(abi_type_id(SOCK_DGRAM), ID_SOCK_DGRAM);
	assert_int_equal(abi_type(ID_SOCK_STREAM), SOCK_STREAM);
	assert_int_equal(abi_type_id(SOCK_SEQPACKET), -1);
	ids = abi_msg_ids(MSG_PEEK | MSG_DONTWAIT, &unknown);
	assert_int_equal(ids, 1u << ID_MSG_PEEK | 1u << ID_MSG_DONTWAIT);
	assert_int_equal(unknown, 0);
	ids = abi_msg_ids(MSG_MORE | MSG_EOR, &unknown);
	assert_int_equal(ids, 1u << ID_MSG_MORE);
	assert_int_equal(unknown, MSG_EOR);
}

/* The stack side turns ids back into its own values with the same
 * helpers: a table with other numbers round-trips. */
static void test_ids_to_other_values(void **state)
{
	static const int other[MSG_FLAG_COUNT] = { 0x01, 0x08, 0x10, 0x04 };
	int unknown;
	unsigned int ids = abi_msg_ids(MSG_PEEK | MSG_OOB, &unknown);

	(void)state;
	assert_int_equal(socket_ids_to_flags(ids, other, MSG_FLAG_COUNT),
			 0x01 | 0x04);
	assert_int_equal(socket_value_id(0x10, other, MSG_FLAG_COUNT),
			 ID_MSG_MORE);
	assert_int_equal(socket_value_id(0x20, other, MSG_FLAG_COUNT), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sockaddr_in_round_trip),
		cmocka_unit_test(test_sockaddr_in6_round_trip),
		cmocka_unit_test(test_bad_sockaddrs),
		cmocka_unit_test(test_truncated_copy),
		cmocka_unit_test(test_options),
		cmocka_unit_test(test_families_types_flags),
		cmocka_unit_test(test_ids_to_other_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
