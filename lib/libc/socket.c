/*
 * BSD sockets on the fd table, with Linux's ABI: each socket fd holds a
 * struct socket around the stack's socket (socket_stack.h). This file
 * has the calls that make, connect and end sockets; socket_io.c moves
 * data, socket_opt.c has the options. Where lwIP's errno for an event
 * differs from Linux's (a refused connect is a reset to lwIP), the
 * Linux one is given.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include "lib/libc/errno.h"
#include "lib/libc/fd.h"
#include "lib/libc/socket.h"
#include "lib/libc/socket_abi.h"

static ssize_t socket_fd_read(void *priv, void *buf, size_t len)
{
	return socket_recv(priv, buf, len, 0, NULL, NULL);
}

static ssize_t socket_fd_write(void *priv, const void *buf, size_t len)
{
	return socket_send(priv, buf, len, 0, NULL, 0);
}

static int socket_fd_close(void *priv)
{
	struct socket *sk = priv;
	int rc = stack_close(sk->s);

	free(sk);
	return rc;
}

static int socket_fd_fstat(void *priv, struct stat *st)
{
	(void)priv;
	st->st_mode = S_IFSOCK | 0777;
	return 0;
}

static int socket_fd_poll(void *priv)
{
	struct socket *sk = priv;

	return stack_poll(sk->s);
}

static int socket_fd_get_flags(void *priv)
{
	struct socket *sk = priv;

	return O_RDWR | (sk->nonblocking ? O_NONBLOCK : 0);
}

static int socket_fd_set_flags(void *priv, int flags)
{
	struct socket *sk = priv;
	bool on = flags & O_NONBLOCK;
	int rc = stack_set_nonblocking(sk->s, on);

	if (rc == 0)
		sk->nonblocking = on;
	return rc;
}

static int socket_fd_ioctl(void *priv, unsigned long request, void *arg)
{
	struct socket *sk = priv;
	int n;

	if (request != FIONREAD)
		return -ENOTTY;
	n = stack_nread(sk->s);
	if (n < 0)
		return n;
	*(int *)arg = n;
	return 0;
}

static const struct file_ctl_ops socket_ops = {
	.ops = { .read = socket_fd_read,
		 .write = socket_fd_write,
		 .close = socket_fd_close,
		 .fstat = socket_fd_fstat,
		 .has_ctl = 1 },
	.poll = socket_fd_poll,
	.get_flags = socket_fd_get_flags,
	.set_flags = socket_fd_set_flags,
	.ioctl = socket_fd_ioctl,
};

long socket_result(long rc)
{
	if (rc >= 0)
		return rc;
	libc_set_errno((int)-rc);
	return -1;
}

struct socket *socket_get(int fd)
{
	void *priv;
	const struct file_ops *ops = fd_get(fd, &priv);

	if (ops == &socket_ops.ops)
		return priv;
	libc_set_errno(ops ? ENOTSOCK : EBADF);
	return NULL;
}

/* An fd for the stack's socket s (closed on failure). */
static int socket_fd(int s, int family, int type, int protocol, int flags)
{
	struct socket *sk = calloc(1, sizeof(*sk));
	int fd;

	if (!sk) {
		stack_close(s);
		return -ENOMEM;
	}
	*sk = (struct socket){
		.s = s, .family = family, .type = type, .protocol = protocol
	};
	if (flags & SOCK_NONBLOCK) {
		int rc = stack_set_nonblocking(s, true);

		if (rc < 0) {
			socket_fd_close(sk);
			return rc;
		}
		sk->nonblocking = true;
	}
	fd = fd_alloc(&socket_ops.ops, sk);
	if (fd < 0)
		socket_fd_close(sk);
	return fd;
}

static int check_protocol(int type, int protocol)
{
	if (protocol == 0 || type == SOCK_RAW)
		return 0;
	if ((type == SOCK_STREAM && protocol == IPPROTO_TCP) ||
	    (type == SOCK_DGRAM && protocol == IPPROTO_UDP))
		return 0;
	return -EPROTONOSUPPORT;
}

static int make_socket(int domain, int type, int protocol)
{
	int flags = type & (SOCK_NONBLOCK | SOCK_CLOEXEC);
	int base = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
	int family_id = abi_family_id(domain), type_id = abi_type_id(base);
	int rc, s;

	if (family_id < 0 || domain == AF_UNSPEC)
		return -EAFNOSUPPORT;
	if (type_id < 0)
		return -EINVAL;
	rc = check_protocol(base, protocol);
	if (rc < 0)
		return rc;
	stack_start();
	s = stack_socket(family_id, type_id, protocol);
	if (s < 0)
		return s == -ENOBUFS || s == -ENOMEM ? -ENFILE : s;
	return socket_fd(s, domain, base, protocol, flags);
}

int socket(int domain, int type, int protocol)
{
	return (int)socket_result(make_socket(domain, type, protocol));
}

/* The stack's address for a program's sockaddr on socket sk. */
static int stack_address(const struct socket *sk, const struct sockaddr *sa,
			 socklen_t len, struct stack_addr *a)
{
	int rc = sockaddr_to_stack(sa, len, a);

	if (rc == -EAFNOSUPPORT && sk->family == AF_INET6)
		return -EINVAL;
	if (rc == 0 && abi_family(a->family) != sk->family)
		return sk->family == AF_INET6 ? -EINVAL : -EAFNOSUPPORT;
	return rc;
}

int bind(int fd, const struct sockaddr *addr, socklen_t len)
{
	struct socket *sk = socket_get(fd);
	struct stack_addr a;
	int rc;

	if (!sk)
		return -1;
	rc = stack_address(sk, addr, len, &a);
	if (rc == 0)
		rc = stack_bind(sk->s, &a);
	return (int)socket_result(rc);
}

/* What a failed connection attempt is called on Linux. */
int socket_connect_errno(int err)
{
	if (err == ECONNRESET)
		return ECONNREFUSED;
	if (err == ECONNABORTED)
		return ETIMEDOUT;
	return err;
}

int connect(int fd, const struct sockaddr *addr, socklen_t len)
{
	struct socket *sk = socket_get(fd);
	struct stack_addr a;
	int rc;

	if (!sk)
		return -1;
	rc = stack_address(sk, addr, len, &a);
	if (rc < 0)
		return (int)socket_result(rc);
	rc = stack_connect(sk->s, &a);
	if (rc == 0)
		sk->connected = true;
	else if (rc == -EINPROGRESS)
		sk->connecting = true;
	else if (sk->type == SOCK_STREAM)
		rc = -socket_connect_errno(-rc);
	return (int)socket_result(rc);
}

int listen(int fd, int backlog)
{
	struct socket *sk = socket_get(fd);

	if (!sk)
		return -1;
	if (sk->type != SOCK_STREAM)
		return (int)socket_result(-EOPNOTSUPP);
	return (int)socket_result(stack_listen(sk->s, backlog));
}

int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)
{
	struct socket *sk = socket_get(fd), listening;
	struct stack_addr peer;
	int s, nfd;

	if (!sk)
		return -1;
	if (flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC))
		return (int)socket_result(-EINVAL);
	if (sk->type != SOCK_STREAM)
		return (int)socket_result(-EOPNOTSUPP);
	/* Another thread may close fd while this one waits: copy first. */
	listening = *sk;
	s = stack_accept(listening.s, &peer);
	if (s < 0)
		return (int)socket_result(s == -ENOTCONN ? -EINVAL : s);
	nfd = socket_fd(s, listening.family, listening.type, listening.protocol,
			flags);
	if (nfd < 0)
		return (int)socket_result(nfd);
	socket_get(nfd)->connected = true;
	if (addr || len)
		sockaddr_from_stack(&peer, addr, len);
	return nfd;
}

int accept(int fd, struct sockaddr *addr, socklen_t *len)
{
	return accept4(fd, addr, len, 0);
}

int shutdown(int fd, int how)
{
	struct socket *sk = socket_get(fd);
	int rc;

	if (!sk)
		return -1;
	if (how < SHUT_RD || how > SHUT_RDWR)
		return (int)socket_result(-EINVAL);
	rc = stack_shutdown(sk->s, how);
	if (rc == 0 && how != SHUT_RD)
		sk->write_shut = true;
	return (int)socket_result(rc);
}

static int name(int fd, bool peer, struct sockaddr *addr, socklen_t *len)
{
	struct socket *sk = socket_get(fd);
	struct stack_addr a;
	int rc;

	if (!sk)
		return -1;
	if (!len)
		return (int)socket_result(-EFAULT);
	rc = stack_name(sk->s, peer, &a);
	if (rc == 0)
		sockaddr_from_stack(&a, addr, len);
	return (int)socket_result(rc);
}

int getsockname(int fd, struct sockaddr *addr, socklen_t *len)
{
	return name(fd, false, addr, len);
}

int getpeername(int fd, struct sockaddr *addr, socklen_t *len)
{
	return name(fd, true, addr, len);
}
