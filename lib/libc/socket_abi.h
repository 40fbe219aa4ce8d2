/*
 * The Linux side of the socket translation: the program's values and
 * sockaddr layouts (sys/socket.h, netinet/in.h) to the neutral ids and
 * struct stack_addr of socket_stack.h, and back. Pure: the host unit
 * tests build it against glibc's headers.
 */
#ifndef LIB_LIBC_SOCKET_ABI_H
#define LIB_LIBC_SOCKET_ABI_H

#include <sys/socket.h>
#include "lib/libc/socket_stack.h"

/* 0, -EINVAL (too short, or a NULL address) or -EAFNOSUPPORT. */
int sockaddr_to_stack(const struct sockaddr *sa, socklen_t len,
		      struct stack_addr *out);
/* Copy at most *len bytes of a's sockaddr to sa (NULL: none), then set
 * *len to its full size, as accept() and getsockname() do. */
void sockaddr_from_stack(const struct stack_addr *a, struct sockaddr *sa,
			 socklen_t *len);
/* The full size of a's sockaddr. */
socklen_t sockaddr_size(const struct stack_addr *a);

/* -1 for values the stack does not have. */
int abi_family_id(int af);
int abi_family(enum socket_family_id id);
int abi_type_id(int type);
int abi_type(enum socket_type_id id);
/* The id of option (level, name), or -1; *kind says its value's form. */
int abi_sockopt_id(int level, int name, enum sockopt_kind *kind);
/* MSG_* flags as ids; flags the stack does not know go to *unknown. */
unsigned int abi_msg_ids(int flags, int *unknown);

#endif
