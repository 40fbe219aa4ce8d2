/*
 * setsockopt/getsockopt: Linux's (level, name) pairs become the stack's
 * through the neutral ids of socket_names.h. SO_TYPE, SO_DOMAIN and
 * SO_PROTOCOL are answered here; booleans read back as 0 or 1 as on
 * Linux; SO_ERROR of a connect that failed says what Linux says.
 */
#include <errno.h>
#include <string.h>
#include <netinet/in.h>
#include <sys/time.h>
#include "lib/libc/fd.h"
#include "lib/libc/socket.h"
#include "lib/libc/socket_abi.h"

static size_t kind_size(enum sockopt_kind kind)
{
	switch (kind) {
	case SOCKOPT_TIMEVAL:
		return sizeof(struct timeval);
	case SOCKOPT_LINGER:
		return sizeof(struct linger);
	case SOCKOPT_BYTES:
		return 1;
	default:
		return sizeof(int);
	}
}

int setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
	struct socket *sk = socket_get(fd);
	enum sockopt_kind kind;
	int id;

	if (!sk)
		return -1;
	id = abi_sockopt_id(level, name, &kind);
	if (id < 0)
		return (int)socket_result(-ENOPROTOOPT);
	if (!val || len < kind_size(kind))
		return (int)socket_result(-EINVAL);
	return (int)socket_result(stack_setsockopt(sk->s, id, val, len));
}

/* Answers the stack does not have; 1 when answered. */
static int local_answer(const struct socket *sk, int level, int name, int *out)
{
	if (level != SOL_SOCKET)
		return 0;
	if (name == SO_TYPE)
		*out = sk->type;
	else if (name == SO_DOMAIN)
		*out = sk->family;
	else if (name == SO_PROTOCOL)
		*out = sk->protocol	       ? sk->protocol :
		       sk->type == SOCK_STREAM ? IPPROTO_TCP :
		       sk->type == SOCK_DGRAM  ? IPPROTO_UDP :
						 0;
	else
		return 0;
	return 1;
}

/* SO_ERROR: a connect that was in progress has ended once it reports. */
static int pending_error(struct socket *sk, int err)
{
	if (!sk->connecting)
		return err;
	if (err) {
		sk->connecting = false;
		return socket_connect_errno(err);
	}
	if (stack_poll(sk->s) & FD_READY_OUT) {
		sk->connecting = false;
		sk->connected = true;
	}
	return 0;
}

static int copy_out(void *val, socklen_t *len, const void *src, size_t size)
{
	if (*len > size)
		*len = (socklen_t)size;
	memcpy(val, src, *len);
	return 0;
}

int getsockopt(int fd, int level, int name, void *val, socklen_t *len)
{
	struct socket *sk = socket_get(fd);
	enum sockopt_kind kind;
	unsigned char buf[64];
	unsigned int got = sizeof(buf);
	int id, rc, answer;

	if (!sk)
		return -1;
	if (!val || !len)
		return (int)socket_result(-EFAULT);
	if (local_answer(sk, level, name, &answer))
		return copy_out(val, len, &answer, sizeof(answer));
	id = abi_sockopt_id(level, name, &kind);
	if (id < 0)
		return (int)socket_result(-ENOPROTOOPT);
	if (kind == SOCKOPT_BYTES)
		got = *len < sizeof(buf) ? *len : sizeof(buf);
	memset(buf, 0, sizeof(buf));
	rc = stack_getsockopt(sk->s, id, buf, &got);
	if (rc < 0)
		return (int)socket_result(rc);
	if (kind == SOCKOPT_BOOL || kind == SOCKOPT_INT) {
		memcpy(&answer, buf, sizeof(answer));
		if (kind == SOCKOPT_BOOL)
			answer = answer != 0;
		if (id == SOCKOPT_SO_ERROR)
			answer = pending_error(sk, answer);
		return copy_out(val, len, &answer, sizeof(answer));
	}
	return copy_out(val, len, buf, got);
}
