/*
 * Moving data on sockets: send/recv and their to/from/msg forms, with
 * Linux's semantics on top of the stack: EPIPE (and SIGPIPE unless
 * MSG_NOSIGNAL) once the connection cannot carry more data, and
 * MSG_WAITALL on streams.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include "lib/libc/socket.h"
#include "lib/libc/socket_abi.h"

static int msg_ids(int flags, unsigned int *ids)
{
	int unknown;

	*ids = abi_msg_ids(flags & ~(MSG_NOSIGNAL | MSG_WAITALL), &unknown);
	return unknown ? -EOPNOTSUPP : 0;
}

/* Writing to a connection closed for writing is EPIPE on Linux (lwIP
 * says ENOTCONN once its side is closed). */
static long send_error(struct socket *sk, long rc, int flags)
{
	if (rc == -ENOTCONN && sk->connected)
		rc = -EPIPE;
	if (rc == -EPIPE && !(flags & MSG_NOSIGNAL))
		raise(SIGPIPE);
	return rc;
}

long socket_send(struct socket *sk, const void *buf, size_t len, int flags,
		 const struct sockaddr *to, socklen_t tolen)
{
	struct stack_addr a;
	unsigned int ids;
	long rc = msg_ids(flags, &ids);

	if (rc < 0)
		return rc;
	if (sk->write_shut)
		return send_error(sk, -EPIPE, flags);
	if (to && sk->type != SOCK_STREAM) {
		rc = sockaddr_to_stack(to, tolen, &a);
		if (rc < 0)
			return rc;
	}
	rc = stack_send(sk->s, buf, len, ids,
			to && sk->type != SOCK_STREAM ? &a : NULL);
	return rc < 0 ? send_error(sk, rc, flags) : rc;
}

/* A stream read until len bytes, the end, or an error after some. */
static long recv_all(struct socket *sk, char *buf, size_t len, unsigned int ids)
{
	size_t got = 0;

	while (got < len) {
		long rc = stack_recv(sk->s, buf + got, len - got, ids, NULL);

		if (rc <= 0)
			return got ? (long)got : rc;
		got += (size_t)rc;
	}
	return (long)got;
}

long socket_recv(struct socket *sk, void *buf, size_t len, int flags,
		 struct sockaddr *from, socklen_t *fromlen)
{
	struct stack_addr a;
	unsigned int ids;
	long rc = msg_ids(flags, &ids);

	if (rc < 0)
		return rc;
	if ((flags & MSG_WAITALL) && sk->type == SOCK_STREAM &&
	    !(flags & (MSG_PEEK | MSG_DONTWAIT)))
		return recv_all(sk, buf, len, ids);
	memset(&a, 0, sizeof(a));
	rc = stack_recv(sk->s, buf, len, ids, &a);
	if (rc >= 0 && from && fromlen) {
		if (sk->type == SOCK_STREAM)
			*fromlen = 0;
		else
			sockaddr_from_stack(&a, from, fromlen);
	}
	return rc;
}

ssize_t sendto(int fd, const void *buf, size_t len, int flags,
	       const struct sockaddr *to, socklen_t tolen)
{
	struct socket *sk = socket_get(fd);

	if (!sk)
		return -1;
	return socket_result(socket_send(sk, buf, len, flags, to, tolen));
}

ssize_t send(int fd, const void *buf, size_t len, int flags)
{
	return sendto(fd, buf, len, flags, NULL, 0);
}

ssize_t recvfrom(int fd, void *buf, size_t len, int flags,
		 struct sockaddr *from, socklen_t *fromlen)
{
	struct socket *sk = socket_get(fd);

	if (!sk)
		return -1;
	return socket_result(socket_recv(sk, buf, len, flags, from, fromlen));
}

ssize_t recv(int fd, void *buf, size_t len, int flags)
{
	return recvfrom(fd, buf, len, flags, NULL, NULL);
}

static size_t iov_total(const struct msghdr *msg)
{
	size_t total = 0;

	for (size_t i = 0; i < msg->msg_iovlen; i++)
		total += msg->msg_iov[i].iov_len;
	return total;
}

/*
 * The stack takes one buffer, so a message goes through one of the
 * message's total size (a datagram must go whole). Returns 0 or a
 * negative errno.
 */
static long msg_buffer(const struct msghdr *msg, char **buf, size_t *total)
{
	if (msg->msg_iovlen > UIO_MAXIOV)
		return -EMSGSIZE;
	*total = iov_total(msg);
	*buf = malloc(*total ? *total : 1);
	return *buf ? 0 : -ENOBUFS;
}

ssize_t sendmsg(int fd, const struct msghdr *msg, int flags)
{
	struct socket *sk = socket_get(fd);
	size_t total, at = 0;
	char *buf;
	long rc;

	if (!sk)
		return -1;
	rc = msg_buffer(msg, &buf, &total);
	if (rc < 0)
		return socket_result(rc);
	for (size_t i = 0; i < msg->msg_iovlen; i++) {
		memcpy(buf + at, msg->msg_iov[i].iov_base,
		       msg->msg_iov[i].iov_len);
		at += msg->msg_iov[i].iov_len;
	}
	rc = socket_send(sk, buf, total, flags, msg->msg_name,
			 msg->msg_namelen);
	free(buf);
	return socket_result(rc);
}

ssize_t recvmsg(int fd, struct msghdr *msg, int flags)
{
	struct socket *sk = socket_get(fd);
	size_t total, at = 0;
	char *buf;
	long rc;

	if (!sk)
		return -1;
	rc = msg_buffer(msg, &buf, &total);
	if (rc < 0)
		return socket_result(rc);
	rc = socket_recv(sk, buf, total, flags, msg->msg_name,
			 msg->msg_name ? &msg->msg_namelen : NULL);
	for (size_t i = 0; rc > 0 && i < msg->msg_iovlen && at < (size_t)rc;
	     i++) {
		size_t n = msg->msg_iov[i].iov_len;

		if (n > (size_t)rc - at)
			n = (size_t)rc - at;
		memcpy(msg->msg_iov[i].iov_base, buf + at, n);
		at += n;
	}
	free(buf);
	if (rc >= 0) {
		msg->msg_controllen = 0;
		msg->msg_flags = 0;
	}
	return socket_result(rc);
}
