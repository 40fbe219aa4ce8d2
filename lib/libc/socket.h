/* Socket fds, for the socket calls split over several files. */
#ifndef LIB_LIBC_SOCKET_H
#define LIB_LIBC_SOCKET_H

#include <stdbool.h>
#include <sys/socket.h>

struct socket {
	int s; /* the stack's socket */
	int family, type, protocol; /* as the program gave them */
	bool nonblocking;
	bool connecting; /* a connect has begun and not yet been seen to end */
	bool connected; /* a connection was made once */
	bool write_shut; /* shutdown(SHUT_WR or SHUT_RDWR) */
};

/* The socket behind fd: NULL with errno EBADF or ENOTSOCK set. */
struct socket *socket_get(int fd);

/* The result of a socket call: rc, or -1 with errno -rc. */
long socket_result(long rc);

/* The errno Linux gives for err from a failed connection attempt. */
int socket_connect_errno(int err);

/* send/recv with Linux's semantics (errno mapping, SIGPIPE, MSG_WAITALL);
 * negative errno on failure. */
long socket_send(struct socket *sk, const void *buf, size_t len, int flags,
		 const struct sockaddr *to, socklen_t tolen);
long socket_recv(struct socket *sk, void *buf, size_t len, int flags,
		 struct sockaddr *from, socklen_t *fromlen);

#endif
