/*
 * The socket calls built from others: socketpair() as a connected pair
 * of loopback TCP sockets (the stack has no AF_UNIX), interface names,
 * and readv/writev on any fd.
 */
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <sys/uio.h>
#include <unistd.h>
#include "lib/libc/errno.h"
#include "lib/libc/socket.h"
#include "lib/libc/socket_stack.h"

/* A connected pair over 127.0.0.1: listen on a free port, connect,
 * accept, and drop the listener. */
static int loopback_pair(int type, int sv[2])
{
	struct sockaddr_in addr = { .sin_family = AF_INET,
				    .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(addr);
	int l = socket(AF_INET, SOCK_STREAM, 0), a = -1, c = -1;

	if (l < 0)
		return -1;
	if (bind(l, (struct sockaddr *)&addr, sizeof(addr)) < 0 ||
	    listen(l, 1) < 0 ||
	    getsockname(l, (struct sockaddr *)&addr, &len) < 0)
		goto fail;
	c = socket(AF_INET, SOCK_STREAM | (type & SOCK_NONBLOCK), 0);
	if (c < 0)
		goto fail;
	if (connect(c, (struct sockaddr *)&addr, len) < 0 &&
	    errno != EINPROGRESS)
		goto fail;
	a = accept4(l, NULL, NULL, type & SOCK_NONBLOCK);
	if (a < 0)
		goto fail;
	close(l);
	sv[0] = c;
	sv[1] = a;
	return 0;
fail:
	if (c >= 0)
		close(c);
	close(l);
	return -1;
}

int socketpair(int domain, int type, int protocol, int sv[2])
{
	int base = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);

	if (domain != AF_UNIX)
		return (int)socket_result(-EOPNOTSUPP);
	if (base != SOCK_STREAM || protocol != 0)
		return (int)socket_result(-EOPNOTSUPP);
	return loopback_pair(type, sv);
}

unsigned int if_nametoindex(const char *name)
{
	unsigned int index;

	stack_start();
	index = stack_if_nametoindex(name);
	if (!index)
		libc_set_errno(ENODEV);
	return index;
}

char *if_indextoname(unsigned int index, char *name)
{
	char *found;

	stack_start();
	found = stack_if_indextoname(index, name);
	if (!found)
		libc_set_errno(ENXIO);
	return found;
}

/* readv and writev: one call per buffer, stopping at the first short one. */
static ssize_t iov_loop(int fd, const struct iovec *iov, int iovcnt, bool out)
{
	ssize_t done = 0;

	if (iovcnt < 0 || iovcnt > UIO_MAXIOV) {
		libc_set_errno(EINVAL);
		return -1;
	}
	for (int i = 0; i < iovcnt; i++) {
		ssize_t n = out ? write(fd, iov[i].iov_base, iov[i].iov_len) :
				  read(fd, iov[i].iov_base, iov[i].iov_len);

		if (n < 0)
			return done ? done : -1;
		done += n;
		if ((size_t)n < iov[i].iov_len)
			break;
	}
	return done;
}

ssize_t writev(int fd, const struct iovec *iov, int iovcnt)
{
	return iov_loop(fd, iov, iovcnt, true);
}

ssize_t readv(int fd, const struct iovec *iov, int iovcnt)
{
	return iov_loop(fd, iov, iovcnt, false);
}
