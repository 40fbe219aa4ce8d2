/*
 * sock.h: small socket helpers the network appliances (apps/echo, apps/httpd, apps/kvstore)
 * share: a listening socket per address family, non-blocking mode, and printing a peer's
 * address.
 * Header-only (static functions), since each app folder is built on its own; portable POSIX,
 * so the apps build natively with gcc as well as with petrel-cc.
 */
#ifndef APPS_SOCK_H
#define APPS_SOCK_H

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static inline int sock_nonblock(int fd)
{
	int fl = fcntl(fd, F_GETFL, 0);

	return fl < 0 ? -1 : fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

/*
 * A non-blocking socket of type (SOCK_STREAM: listening; SOCK_DGRAM) bound to port on every
 * address of family (AF_INET or AF_INET6; an IPv6 one is IPv6-only, so both can be open at
 * once). Returns the fd, or -errno.
 */
static inline int sock_open_bound(int family, int type, int port)
{
	struct sockaddr_in in4 = { .sin_family = AF_INET,
				   .sin_port = htons(port) };
	struct sockaddr_in6 in6 = { .sin6_family = AF_INET6,
				    .sin6_port = htons(port) };
	int one = 1, err, fd = socket(family, type, 0);

	if (fd < 0)
		return -errno;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	/* in6's address is all zeros, the IPv6 wildcard (in6addr_any). */
	if (family == AF_INET6)
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
	else
		in4.sin_addr.s_addr = htonl(INADDR_ANY);
	if (bind(fd,
		 family == AF_INET6 ? (struct sockaddr *)&in6 :
				      (struct sockaddr *)&in4,
		 family == AF_INET6 ? sizeof(in6) : sizeof(in4)) < 0 ||
	    (type == SOCK_STREAM && listen(fd, 128) < 0) ||
	    sock_nonblock(fd) < 0) {
		err = -errno;
		close(fd);
		return err;
	}
	return fd;
}

/*
 * Sockets of type bound to port on IPv4, then IPv6, into fds[0..1]. A family that fails is
 * named on stderr ("echo: no IPv6 UDP socket on port 7: why") and left out. Returns how
 * many are open; *families (if not NULL) says which: "IPv4", "IPv6" or "IPv4 and IPv6".
 * IPv4 first: should the IPv6 socket not be IPv6-only, IPv4 still has its own.
 */
static inline int sock_open_all(const char *who, int type, int port, int fds[2],
				const char **families)
{
	static const char *const names[4] = { "", "IPv4", "IPv6",
					      "IPv4 and IPv6" };
	int n = 0, open = 0;

	for (int i = 0; i < 2; i++) {
		int fd = sock_open_bound(i ? AF_INET6 : AF_INET, type, port);

		if (fd < 0) {
			fprintf(stderr, "%s: no %s %s socket on port %d: %s\n",
				who, i ? "IPv6" : "IPv4",
				type == SOCK_STREAM ? "TCP" : "UDP", port,
				strerror(-fd));
			continue;
		}
		fds[n++] = fd;
		open |= 1 << i;
	}
	if (families)
		*families = names[open];
	return n;
}

/* "198.18.0.1:4321" or "[fd00::1]:4321". */
static inline void sock_peer_name(const struct sockaddr *sa, char *buf,
				  size_t size)
{
	char addr[INET6_ADDRSTRLEN] = "?";
	int port = 0;

	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in4 = (const struct sockaddr_in *)sa;

		inet_ntop(AF_INET, &in4->sin_addr, addr, sizeof(addr));
		port = ntohs(in4->sin_port);
		snprintf(buf, size, "%s:%d", addr, port);
	} else {
		const struct sockaddr_in6 *in6 =
			(const struct sockaddr_in6 *)sa;

		inet_ntop(AF_INET6, &in6->sin6_addr, addr, sizeof(addr));
		port = ntohs(in6->sin6_port);
		snprintf(buf, size, "[%s]:%d", addr, port);
	}
}

#endif
