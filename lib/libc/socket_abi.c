/* Linux socket values and sockaddrs <-> neutral ids (socket_abi.h). */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include "lib/libc/socket_abi.h"

#define AS_VALUE(name) name,
static const int families[] = { SOCKET_FAMILIES(AS_VALUE) };
static const int types[] = { SOCKET_TYPES(AS_VALUE) };
static const int msg_flags[] = { SOCKET_MSG_FLAGS(AS_VALUE) };
#undef AS_VALUE

struct sockopt_entry {
	int level, name;
	enum sockopt_kind kind;
};

#define AS_ENTRY(level, name, kind) { level, name, kind },
static const struct sockopt_entry sockopts[] = { SOCKET_OPTIONS(AS_ENTRY) };
#undef AS_ENTRY

int abi_family_id(int af)
{
	return socket_value_id(af, families, FAMILY_COUNT);
}

int abi_family(enum socket_family_id id)
{
	return families[id];
}

int abi_type_id(int type)
{
	return socket_value_id(type, types, TYPE_COUNT);
}

int abi_type(enum socket_type_id id)
{
	return types[id];
}

int abi_sockopt_id(int level, int name, enum sockopt_kind *kind)
{
	for (int i = 0; i < SOCKOPT_COUNT; i++) {
		if (sockopts[i].level == level && sockopts[i].name == name) {
			*kind = sockopts[i].kind;
			return i;
		}
	}
	return -1;
}

unsigned int abi_msg_ids(int flags, int *unknown)
{
	return socket_flags_to_ids(flags, msg_flags, MSG_FLAG_COUNT, unknown);
}

static int from_sockaddr_in(const struct sockaddr_in *in, socklen_t len,
			    struct stack_addr *out)
{
	if (len < sizeof(*in))
		return -EINVAL;
	out->family = ID_AF_INET;
	out->port = in->sin_port;
	memcpy(out->addr, &in->sin_addr, 4);
	return 0;
}

static int from_sockaddr_in6(const struct sockaddr_in6 *in6, socklen_t len,
			     struct stack_addr *out)
{
	if (len < sizeof(*in6))
		return -EINVAL;
	out->family = ID_AF_INET6;
	out->port = in6->sin6_port;
	out->flowinfo = in6->sin6_flowinfo;
	out->scope_id = in6->sin6_scope_id;
	memcpy(out->addr, &in6->sin6_addr, 16);
	return 0;
}

int sockaddr_to_stack(const struct sockaddr *sa, socklen_t len,
		      struct stack_addr *out)
{
	sa_family_t family;

	memset(out, 0, sizeof(*out));
	if (!sa || len < sizeof(sa_family_t))
		return -EINVAL;
	memcpy(&family, sa, sizeof(family));
	if (family == AF_INET)
		return from_sockaddr_in((const struct sockaddr_in *)sa, len,
					out);
	if (family == AF_INET6)
		return from_sockaddr_in6((const struct sockaddr_in6 *)sa, len,
					 out);
	return -EAFNOSUPPORT;
}

socklen_t sockaddr_size(const struct stack_addr *a)
{
	return a->family == ID_AF_INET6 ? sizeof(struct sockaddr_in6) :
					  sizeof(struct sockaddr_in);
}

void sockaddr_from_stack(const struct stack_addr *a, struct sockaddr *sa,
			 socklen_t *len)
{
	union {
		struct sockaddr_in in;
		struct sockaddr_in6 in6;
	} u;
	socklen_t size = sockaddr_size(a);

	memset(&u, 0, sizeof(u));
	if (a->family == ID_AF_INET6) {
		u.in6.sin6_family = AF_INET6;
		u.in6.sin6_port = a->port;
		u.in6.sin6_flowinfo = a->flowinfo;
		u.in6.sin6_scope_id = a->scope_id;
		memcpy(&u.in6.sin6_addr, a->addr, 16);
	} else {
		u.in.sin_family = AF_INET;
		u.in.sin_port = a->port;
		memcpy(&u.in.sin_addr, a->addr, 4);
	}
	if (sa && len)
		memcpy(sa, &u, *len < size ? *len : size);
	if (len)
		*len = size;
}
