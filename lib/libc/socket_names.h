/*
 * The socket constants the sockets layer translates, by name only. The
 * Linux side (socket.c, with the SDK's headers) and the lwIP side
 * (socket_lwip.c, with lwIP's headers) expand the same lists, each with
 * its own header's values, so an entry's position is the neutral id the
 * two sides exchange.
 */
#ifndef LIB_LIBC_SOCKET_NAMES_H
#define LIB_LIBC_SOCKET_NAMES_H

#define SOCKET_FAMILIES(X) X(AF_UNSPEC) X(AF_INET) X(AF_INET6)

#define SOCKET_TYPES(X) X(SOCK_STREAM) X(SOCK_DGRAM) X(SOCK_RAW)

/* Flags passed on to the stack (MSG_NOSIGNAL and MSG_WAITALL are done
 * by the Linux side). */
#define SOCKET_MSG_FLAGS(X) X(MSG_PEEK) X(MSG_DONTWAIT) X(MSG_MORE) X(MSG_OOB)

/* How an option's value looks to the program. */
enum sockopt_kind {
	SOCKOPT_BOOL, /* int, read back as 0 or 1 */
	SOCKOPT_INT,
	SOCKOPT_TIMEVAL,
	SOCKOPT_LINGER,
	SOCKOPT_BYTES, /* passed through as given */
};

#define SOCKET_OPTIONS(X)                                \
	X(SOL_SOCKET, SO_REUSEADDR, SOCKOPT_BOOL)        \
	X(SOL_SOCKET, SO_KEEPALIVE, SOCKOPT_BOOL)        \
	X(SOL_SOCKET, SO_BROADCAST, SOCKOPT_BOOL)        \
	X(SOL_SOCKET, SO_ACCEPTCONN, SOCKOPT_BOOL)       \
	X(SOL_SOCKET, SO_TYPE, SOCKOPT_INT)              \
	X(SOL_SOCKET, SO_ERROR, SOCKOPT_INT)             \
	X(SOL_SOCKET, SO_SNDBUF, SOCKOPT_INT)            \
	X(SOL_SOCKET, SO_RCVBUF, SOCKOPT_INT)            \
	X(SOL_SOCKET, SO_RCVTIMEO, SOCKOPT_TIMEVAL)      \
	X(SOL_SOCKET, SO_SNDTIMEO, SOCKOPT_TIMEVAL)      \
	X(SOL_SOCKET, SO_LINGER, SOCKOPT_LINGER)         \
	X(SOL_SOCKET, SO_BINDTODEVICE, SOCKOPT_BYTES)    \
	X(IPPROTO_TCP, TCP_NODELAY, SOCKOPT_BOOL)        \
	X(IPPROTO_TCP, TCP_KEEPIDLE, SOCKOPT_INT)        \
	X(IPPROTO_TCP, TCP_KEEPINTVL, SOCKOPT_INT)       \
	X(IPPROTO_TCP, TCP_KEEPCNT, SOCKOPT_INT)         \
	X(IPPROTO_IP, IP_TOS, SOCKOPT_INT)               \
	X(IPPROTO_IP, IP_TTL, SOCKOPT_INT)               \
	X(IPPROTO_IP, IP_MULTICAST_TTL, SOCKOPT_BYTES)   \
	X(IPPROTO_IP, IP_MULTICAST_IF, SOCKOPT_BYTES)    \
	X(IPPROTO_IP, IP_MULTICAST_LOOP, SOCKOPT_BYTES)  \
	X(IPPROTO_IP, IP_ADD_MEMBERSHIP, SOCKOPT_BYTES)  \
	X(IPPROTO_IP, IP_DROP_MEMBERSHIP, SOCKOPT_BYTES) \
	X(IPPROTO_IPV6, IPV6_V6ONLY, SOCKOPT_BOOL)

#define SOCKOPT_ID(level, name, kind) SOCKOPT_##name,
enum sockopt_id { SOCKET_OPTIONS(SOCKOPT_ID) SOCKOPT_COUNT };
#undef SOCKOPT_ID

#define SOCKET_NAME_ID(name) ID_##name,
enum socket_family_id { SOCKET_FAMILIES(SOCKET_NAME_ID) FAMILY_COUNT };
enum socket_type_id { SOCKET_TYPES(SOCKET_NAME_ID) TYPE_COUNT };
enum socket_msg_id { SOCKET_MSG_FLAGS(SOCKET_NAME_ID) MSG_FLAG_COUNT };
#undef SOCKET_NAME_ID

#endif
