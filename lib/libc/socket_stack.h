/*
 * What the sockets layer (socket.c, Linux's ABI) asks of the TCP/IP
 * stack (socket_lwip.c, over lwIP's lwip_* API). Nothing here names a
 * constant of either side: families, types, options and message flags
 * travel as the neutral ids of socket_names.h, addresses as struct
 * stack_addr. Functions return a count, 0, or a negative errno.
 */
#ifndef LIB_LIBC_SOCKET_STACK_H
#define LIB_LIBC_SOCKET_STACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "lib/libc/socket_names.h"

struct stack_addr {
	enum socket_family_id family; /* ID_AF_INET or ID_AF_INET6 */
	uint16_t port; /* network byte order, as in the sockaddrs */
	uint32_t flowinfo; /* IPv6 only, as in sockaddr_in6 */
	uint32_t scope_id;
	uint8_t addr[16]; /* the first 4 bytes for IPv4 */
};

/* Bring the network up (lazily, once). */
void stack_start(void);

/* msg_ids: bits (1 << enum socket_msg_id). */
int stack_socket(enum socket_family_id family, enum socket_type_id type,
		 int protocol);
int stack_close(int s);
int stack_bind(int s, const struct stack_addr *a);
int stack_connect(int s, const struct stack_addr *a);
int stack_listen(int s, int backlog);
/* The new socket; peer (may be NULL) gets the peer's address. */
int stack_accept(int s, struct stack_addr *peer);
long stack_send(int s, const void *buf, size_t len, unsigned int msg_ids,
		const struct stack_addr *to);
/* from (may be NULL) gets the sender's address. */
long stack_recv(int s, void *buf, size_t len, unsigned int msg_ids,
		struct stack_addr *from);
int stack_shutdown(int s, int how); /* 0, 1, 2 as SHUT_* on both sides */
int stack_name(int s, bool peer, struct stack_addr *a);
int stack_setsockopt(int s, enum sockopt_id id, const void *val,
		     unsigned int len);
int stack_getsockopt(int s, enum sockopt_id id, void *val, unsigned int *len);
int stack_set_nonblocking(int s, bool on);
/* FD_READY_* bits (fd.h) for s, without waiting. */
int stack_poll(int s);
/* Bytes a recv would return now. */
int stack_nread(int s);
/* One address for name by DNS, of family ID_AF_INET or ID_AF_INET6 (or
 * ID_AF_UNSPEC: either); -ENOENT when there is none, -EAGAIN when the
 * lookup itself failed. */
int stack_lookup(const char *name, enum socket_family_id family,
		 struct stack_addr *out);

/* Interfaces by Linux's names ("lo"): 0 / NULL when there is none
 * (name has room for IF_NAMESIZE bytes). */
unsigned int stack_if_nametoindex(const char *name);
char *stack_if_indextoname(unsigned int index, char *name);

/* Table lookups both sides share (socket_map.c). */
int socket_value_id(int value, const int *values, int count);
unsigned int socket_flags_to_ids(int flags, const int *values, int count,
				 int *unknown);
int socket_ids_to_flags(unsigned int ids, const int *values, int count);

#endif
