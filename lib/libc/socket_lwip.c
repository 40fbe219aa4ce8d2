/*
 * The stack side of the sockets layer (socket_stack.h) over lwIP's
 * socket API. This file sees lwIP's headers only, so every constant
 * here is lwIP's; socket_names.h's lists give each its neutral id.
 */
#include <errno.h>
#include <string.h>
#include "lwip/netif.h"
#include "lwip/tcpip.h"
#include "lwip/netdb.h"
#include "lwip/opt.h"
#include "lwip/sockets.h"
#include "net/net.h"
#include "lib/libc/fd.h"
#include "lib/libc/socket_stack.h"

#define AS_VALUE(name) name,
static const int families[] = { SOCKET_FAMILIES(AS_VALUE) };
static const int types[] = { SOCKET_TYPES(AS_VALUE) };
static const int msg_flags[] = { SOCKET_MSG_FLAGS(AS_VALUE) };
#undef AS_VALUE

struct lwip_option {
	int level, name;
};

#define AS_OPTION(level, name, kind) { level, name },
static const struct lwip_option options[] = { SOCKET_OPTIONS(AS_OPTION) };
#undef AS_OPTION

/* lwIP's calls return -1 with errno set. */
static long result(long rc)
{
	return rc < 0 ? -(errno ? errno : EIO) : rc;
}

static int lwip_flags(unsigned int msg_ids)
{
	return socket_ids_to_flags(msg_ids, msg_flags, MSG_FLAG_COUNT);
}

static socklen_t to_lwip(const struct stack_addr *a,
			 struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	if (a->family == ID_AF_INET6) {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;

		in6->sin6_len = sizeof(*in6);
		in6->sin6_family = AF_INET6;
		in6->sin6_port = a->port;
		in6->sin6_flowinfo = a->flowinfo;
		in6->sin6_scope_id = a->scope_id;
		memcpy(&in6->sin6_addr, a->addr, 16);
		return sizeof(*in6);
	}
	struct sockaddr_in *in = (struct sockaddr_in *)ss;

	in->sin_len = sizeof(*in);
	in->sin_family = AF_INET;
	in->sin_port = a->port;
	memcpy(&in->sin_addr, a->addr, 4);
	return sizeof(*in);
}

static void from_lwip(const struct sockaddr_storage *ss, struct stack_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (ss->ss_family == AF_INET6) {
		const struct sockaddr_in6 *in6 =
			(const struct sockaddr_in6 *)ss;

		a->family = ID_AF_INET6;
		a->port = in6->sin6_port;
		a->flowinfo = in6->sin6_flowinfo;
		a->scope_id = in6->sin6_scope_id;
		memcpy(a->addr, &in6->sin6_addr, 16);
		return;
	}
	const struct sockaddr_in *in = (const struct sockaddr_in *)ss;

	a->family = ID_AF_INET;
	a->port = in->sin_port;
	memcpy(a->addr, &in->sin_addr, 4);
}

void stack_start(void)
{
	net_start();
}

int stack_socket(enum socket_family_id family, enum socket_type_id type,
		 int protocol)
{
	return (int)result(
		lwip_socket(families[family], types[type], protocol));
}

int stack_close(int s)
{
	return (int)result(lwip_close(s));
}

int stack_bind(int s, const struct stack_addr *a)
{
	struct sockaddr_storage ss;
	socklen_t len = to_lwip(a, &ss);

	return (int)result(lwip_bind(s, (struct sockaddr *)&ss, len));
}

int stack_connect(int s, const struct stack_addr *a)
{
	struct sockaddr_storage ss;
	socklen_t len = to_lwip(a, &ss);

	return (int)result(lwip_connect(s, (struct sockaddr *)&ss, len));
}

int stack_listen(int s, int backlog)
{
	return (int)result(lwip_listen(s, backlog));
}

int stack_accept(int s, struct stack_addr *peer)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	int rc = (int)result(lwip_accept(s, (struct sockaddr *)&ss, &len));

	if (rc >= 0 && peer)
		from_lwip(&ss, peer);
	return rc;
}

long stack_send(int s, const void *buf, size_t len, unsigned int msg_ids,
		const struct stack_addr *to)
{
	struct sockaddr_storage ss;

	if (!to)
		return result(lwip_send(s, buf, len, lwip_flags(msg_ids)));
	socklen_t tolen = to_lwip(to, &ss);

	return result(lwip_sendto(s, buf, len, lwip_flags(msg_ids),
				  (struct sockaddr *)&ss, tolen));
}

long stack_recv(int s, void *buf, size_t len, unsigned int msg_ids,
		struct stack_addr *from)
{
	struct sockaddr_storage ss;
	socklen_t sslen = sizeof(ss);
	long rc;

	memset(&ss, 0, sizeof(ss));
	rc = result(lwip_recvfrom(s, buf, len, lwip_flags(msg_ids),
				  (struct sockaddr *)&ss, &sslen));
	if (rc >= 0 && from)
		from_lwip(&ss, from);
	return rc;
}

int stack_shutdown(int s, int how)
{
	return (int)result(lwip_shutdown(s, how));
}

int stack_name(int s, bool peer, struct stack_addr *a)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	int rc;

	memset(&ss, 0, sizeof(ss));
	rc = (int)result(
		peer ? lwip_getpeername(s, (struct sockaddr *)&ss, &len) :
		       lwip_getsockname(s, (struct sockaddr *)&ss, &len));
	if (rc >= 0)
		from_lwip(&ss, a);
	return rc;
}

int stack_setsockopt(int s, enum sockopt_id id, const void *val,
		     unsigned int len)
{
	/* lwIP has no send buffer size to set: its TCP_SND_BUF is fixed. */
	if (id == SOCKOPT_SO_SNDBUF)
		return 0;
	return (int)result(lwip_setsockopt(s, options[id].level,
					   options[id].name, val, len));
}

int stack_getsockopt(int s, enum sockopt_id id, void *val, unsigned int *len)
{
	socklen_t l = *len;
	int rc;

	if (id == SOCKOPT_SO_SNDBUF) {
		int size = TCP_SND_BUF;

		memcpy(val, &size, sizeof(size));
		*len = sizeof(size);
		return 0;
	}
	rc = (int)result(lwip_getsockopt(s, options[id].level, options[id].name,
					 val, &l));
	*len = l;
	return rc;
}

int stack_set_nonblocking(int s, bool on)
{
	int arg = on;

	return (int)result(lwip_ioctl(s, (long)FIONBIO, &arg));
}

int stack_poll(int s)
{
	struct pollfd p = { .fd = s, .events = POLLIN | POLLOUT };
	int ready = 0;

	if (lwip_poll(&p, 1, 0) < 0)
		return FD_READY_ERR;
	if (p.revents & POLLIN)
		ready |= FD_READY_IN;
	if (p.revents & POLLOUT)
		ready |= FD_READY_OUT;
	if (p.revents & (POLLERR | POLLNVAL))
		ready |= FD_READY_ERR;
	if (p.revents & POLLHUP)
		ready |= FD_READY_HUP;
	return ready;
}

int stack_nread(int s)
{
	int n = 0;
	int rc = (int)result(lwip_ioctl(s, (long)FIONREAD, &n));

	return rc < 0 ? rc : n;
}

int stack_lookup(const char *name, enum socket_family_id family,
		 struct stack_addr *out)
{
	struct addrinfo hints, *res = NULL;
	int rc;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = families[family];
	rc = lwip_getaddrinfo(name, NULL, &hints, &res);
	if (rc == EAI_MEMORY)
		return -ENOMEM;
	if (rc || !res)
		return -ENOENT;
	from_lwip((const struct sockaddr_storage *)res->ai_addr, out);
	lwip_freeaddrinfo(res);
	return 0;
}

/* lwIP names interfaces by two letters and a number ("lo0"); Linux
 * calls the loopback interface "lo". */
static const char lwip_loopback[] = "lo0";
static const char linux_loopback[] = "lo";

/* lwIP's if_api needs LWIP_NETIF_API; the netif calls under the core
 * lock do the same. */
unsigned int stack_if_nametoindex(const char *name)
{
	unsigned int index;

	if (!strcmp(name, linux_loopback))
		name = lwip_loopback;
	LOCK_TCPIP_CORE();
	index = netif_name_to_index(name);
	UNLOCK_TCPIP_CORE();
	return index;
}

char *stack_if_indextoname(unsigned int index, char *name)
{
	char *found;

	if (index == 0 || index > 255)
		return NULL;
	LOCK_TCPIP_CORE();
	found = netif_index_to_name((u8_t)index, name);
	UNLOCK_TCPIP_CORE();
	if (found && !strcmp(name, lwip_loopback))
		strcpy(name, linux_loopback);
	return found;
}
