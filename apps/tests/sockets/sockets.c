/*
 * BSD sockets over loopback, as a Linux program uses them: TCP and UDP
 * on 127.0.0.1 and ::1 between threads, the errno values of refused
 * connects, timeouts and would-block calls, non-blocking connect with
 * poll, shutdown and end of file, options, getaddrinfo/getnameinfo,
 * inet_pton/ntop, and poll/select across sockets, pipes and stdin,
 * and the reset that closing with unread data sends.
 * Built natively and run on Linux it prints the same "sockets:" lines
 * (the differential test in test/integration/suite.py); lines marked
 * With no argument, stdin must be open with nothing to read; with
 * "stdin", stdin is piped and ends.
 */
#define _GNU_SOURCE /* accept4 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

static int failures;

static const char *errname(int err)
{
	switch (err) {
	case 0:
		return "0";
	case EAGAIN:
		return "EAGAIN";
	case ECONNREFUSED:
		return "ECONNREFUSED";
	case ECONNRESET:
		return "ECONNRESET";
	case EPIPE:
		return "EPIPE";
	case ETIMEDOUT:
		return "ETIMEDOUT";
	case EINPROGRESS:
		return "EINPROGRESS";
	case EADDRINUSE:
		return "EADDRINUSE";
	case ENOTCONN:
		return "ENOTCONN";
	case ENOTSOCK:
		return "ENOTSOCK";
	case EBADF:
		return "EBADF";
	case EINVAL:
		return "EINVAL";
	case ENOPROTOOPT:
		return "ENOPROTOOPT";
	case EAFNOSUPPORT:
		return "EAFNOSUPPORT";
	case ENOSPC:
		return "ENOSPC";
	case EOPNOTSUPP:
		return "EOPNOTSUPP";
	case EPROTONOSUPPORT:
		return "EPROTONOSUPPORT";
	default:
		return "other";
	}
}

#define CHECK(cond)                                                        \
	do {                                                               \
		if (!(cond)) {                                             \
			printf("sockets: FAILED line %d: %s (errno %s)\n", \
			       __LINE__, #cond, errname(errno));           \
			failures++;                                        \
		}                                                          \
	} while (0)

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Print "what = rc errno" for a call that returns -1 or not. */
static void report(const char *what, long rc)
{
	printf("sockets: %s = %ld %s\n", what, rc,
	       rc < 0 ? errname(errno) : "");
}

static void poll_report(const char *what, struct pollfd *p, int timeout)
{
	int n = poll(p, 1, timeout);

	printf("sockets: %s: %d revents %#x\n", what, n, p->revents);
}

static void abi(void)
{
	printf("sockets: sizes sockaddr %zu in %zu in6 %zu storage %zu "
	       "msghdr %zu cmsghdr %zu pollfd %zu addrinfo %zu\n",
	       sizeof(struct sockaddr), sizeof(struct sockaddr_in),
	       sizeof(struct sockaddr_in6), sizeof(struct sockaddr_storage),
	       sizeof(struct msghdr), sizeof(struct cmsghdr),
	       sizeof(struct pollfd), sizeof(struct addrinfo));
	printf("sockets: offsets sin_port %zu sin_addr %zu sin6_addr %zu "
	       "scope %zu msg_iov %zu msg_control %zu msg_flags %zu "
	       "ai_addr %zu ai_next %zu\n",
	       offsetof(struct sockaddr_in, sin_port),
	       offsetof(struct sockaddr_in, sin_addr),
	       offsetof(struct sockaddr_in6, sin6_addr),
	       offsetof(struct sockaddr_in6, sin6_scope_id),
	       offsetof(struct msghdr, msg_iov),
	       offsetof(struct msghdr, msg_control),
	       offsetof(struct msghdr, msg_flags),
	       offsetof(struct addrinfo, ai_addr),
	       offsetof(struct addrinfo, ai_next));
	printf("sockets: AF %d %d %d SOCK %d %d %d %#x %#x SOL_SOCKET %d\n",
	       AF_UNSPEC, AF_INET, AF_INET6, SOCK_STREAM, SOCK_DGRAM, SOCK_RAW,
	       SOCK_NONBLOCK, SOCK_CLOEXEC, SOL_SOCKET);
	printf("sockets: SO %d %d %d %d %d %d %d %d %d %d\n", SO_REUSEADDR,
	       SO_TYPE, SO_ERROR, SO_BROADCAST, SO_SNDBUF, SO_RCVBUF,
	       SO_KEEPALIVE, SO_LINGER, SO_RCVTIMEO, SO_SNDTIMEO);
	printf("sockets: MSG %#x %#x %#x %#x %#x %#x %#x SHUT %d %d %d\n",
	       MSG_OOB, MSG_PEEK, MSG_TRUNC, MSG_DONTWAIT, MSG_WAITALL,
	       MSG_NOSIGNAL, MSG_MORE, SHUT_RD, SHUT_WR, SHUT_RDWR);
	printf("sockets: IPPROTO %d %d %d %d TCP %d %d %d %d IPV6_V6ONLY %d\n",
	       IPPROTO_IP, IPPROTO_TCP, IPPROTO_UDP, IPPROTO_IPV6, TCP_NODELAY,
	       TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT, IPV6_V6ONLY);
	printf("sockets: AI %#x %#x %#x %#x EAI %d %d %d %d %d NI %d %d %d\n",
	       AI_PASSIVE, AI_CANONNAME, AI_NUMERICHOST, AI_NUMERICSERV,
	       EAI_NONAME, EAI_AGAIN, EAI_FAMILY, EAI_SERVICE, EAI_SOCKTYPE,
	       NI_MAXHOST, NI_NUMERICHOST, NI_NUMERICSERV);
	printf("sockets: POLL %#x %#x %#x %#x %#x %#x FIONBIO %#x FIONREAD %#x\n",
	       POLLIN, POLLPRI, POLLOUT, POLLERR, POLLHUP, POLLNVAL, FIONBIO,
	       FIONREAD);
	printf("sockets: INADDR %#x %#x ADDRSTRLEN %d %d SOMAXCONN %d\n",
	       INADDR_ANY, INADDR_LOOPBACK, INET_ADDRSTRLEN, INET6_ADDRSTRLEN,
	       SOMAXCONN);
}

static void pton_one(int af, const char *text)
{
	unsigned char buf[16];
	char out[INET6_ADDRSTRLEN];
	int rc = inet_pton(af, text, buf);

	if (rc == 1)
		printf("sockets: pton%s [%s] -> %s\n",
		       af == AF_INET ? "4" : "6", text,
		       inet_ntop(af, buf, out, sizeof(out)));
	else
		printf("sockets: pton%s [%s] -> %d\n",
		       af == AF_INET ? "4" : "6", text, rc);
}

static void inet(void)
{
	static const char *v4[] = { "127.0.0.1", "0.0.0.0",  "255.255.255.255",
				    "256.1.1.1", "1.2.3",    "1.2.3.4.5",
				    "01.2.3.4",	 "1.2.3.4 ", " 1.2.3.4",
				    "1.2.3.",	 "a.b.c.d",  "1..2.3",
				    "" };
	static const char *v6[] = { "::",
				    "::1",
				    "1::",
				    "fe80::1",
				    "2001:db8::8:800:200c:417a",
				    "2001:DB8:0:0:8:800:200C:417A",
				    "1:0:0:2:0:0:0:3",
				    "1:0:0:0:2:0:0:3",
				    "0:0:0:0:0:0:0:1",
				    "1:2:3:4:5:6:7:8",
				    "1:2:3:4:5:6:7::",
				    "::2:3:4:5:6:7:8",
				    "1:2:3:4:5:6:7:8:9",
				    "1::2::3",
				    ":1::2",
				    "1::2:",
				    "12345::1",
				    "::ffff:1.2.3.4",
				    "::1.2.3.4",
				    "::ffff:0:1.2.3.4",
				    "1::1.2.3.4",
				    "::ffff:1.2.3",
				    "::ffff:256.1.1.1",
				    "g::1",
				    "1:2:3:4:5:6:1.2.3.4",
				    "0:0:0:0:0:1:0:0",
				    "1:0:1:0:1:0:1:0",
				    "" };
	unsigned char buf[16] = { 10, 0, 0, 1 };
	char small[8];
	struct in_addr a;

	for (size_t i = 0; i < sizeof(v4) / sizeof(v4[0]); i++)
		pton_one(AF_INET, v4[i]);
	for (size_t i = 0; i < sizeof(v6) / sizeof(v6[0]); i++)
		pton_one(AF_INET6, v6[i]);
	errno = 0;
	report("inet_pton(AF_UNIX)", inet_pton(AF_UNIX, "x", buf));
	errno = 0;
	report("ntop into 8 bytes is NULL",
	       inet_ntop(AF_INET, buf, small, sizeof(small)) ? 0 : -1);
	printf("sockets: inet_addr 10.1.2.3 %#x, 127.1 %#x, 0x7f.1 %#x, "
	       "bad %#x\n",
	       ntohl(inet_addr("10.1.2.3")), ntohl(inet_addr("127.1")),
	       ntohl(inet_addr("0x7f.1")), ntohl(inet_addr("1.2.3.4.5")));
	a.s_addr = htonl(0xc0a80001);
	printf("sockets: inet_ntoa %s aton %d\n", inet_ntoa(a),
	       inet_aton("192.168.1", &a));
	printf("sockets: htons %#x htonl %#x\n", htons(0x1234),
	       htonl(0x12345678));
}

/* A bound, listening TCP socket on the loopback address of family. */
static int listener(int family, struct sockaddr_storage *addr, socklen_t *len)
{
	int fd = socket(family, SOCK_STREAM, 0), one = 1;

	CHECK(fd >= 0);
	CHECK(setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) == 0);
	memset(addr, 0, sizeof(*addr));
	if (family == AF_INET) {
		struct sockaddr_in *in = (struct sockaddr_in *)addr;

		in->sin_family = AF_INET;
		in->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		*len = sizeof(*in);
	} else {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)addr;

		in6->sin6_family = AF_INET6;
		in6->sin6_addr = in6addr_loopback;
		*len = sizeof(*in6);
	}
	CHECK(bind(fd, (struct sockaddr *)addr, *len) == 0);
	CHECK(listen(fd, 8) == 0);
	CHECK(getsockname(fd, (struct sockaddr *)addr, len) == 0);
	return fd;
}

struct server {
	int fd;
	int family;
	ssize_t last_read; /* printed by main, so the order is fixed */
};

/* Accept one connection, answer each read with it upper-cased, until
 * end of file; then close. */
static void *upper_server(void *arg)
{
	struct server *s = arg;
	struct sockaddr_storage peer;
	socklen_t len = sizeof(peer);
	int c = accept(s->fd, (struct sockaddr *)&peer, &len);
	char buf[256];
	ssize_t n;

	CHECK(c >= 0);
	CHECK(peer.ss_family == s->family);
	CHECK(len == (s->family == AF_INET ? sizeof(struct sockaddr_in) :
					     sizeof(struct sockaddr_in6)));
	while ((n = read(c, buf, sizeof(buf))) > 0) {
		for (ssize_t i = 0; i < n; i++)
			if (buf[i] >= 'a' && buf[i] <= 'z')
				buf[i] -= 32;
		CHECK(write(c, buf, (size_t)n) == n);
	}
	s->last_read = n;
	close(c);
	return NULL;
}

static void tcp(int family)
{
	const char *name = family == AF_INET ? "tcp4" : "tcp6";
	struct sockaddr_storage addr, local, peer;
	socklen_t len, llen = sizeof(local), plen = sizeof(peer);
	struct server s = { .family = family };
	pthread_t t;
	char buf[64];
	int c, n, type = 0;
	socklen_t tlen = sizeof(type);

	s.fd = listener(family, &addr, &len);
	pthread_create(&t, NULL, upper_server, &s);
	c = socket(family, SOCK_STREAM, IPPROTO_TCP);
	CHECK(connect(c, (struct sockaddr *)&addr, len) == 0);
	CHECK(getsockname(c, (struct sockaddr *)&local, &llen) == 0);
	CHECK(getpeername(c, (struct sockaddr *)&peer, &plen) == 0);
	CHECK(plen == len && memcmp(&peer, &addr, len) == 0);
	CHECK(local.ss_family == family && llen == len);
	CHECK(getsockopt(c, SOL_SOCKET, SO_TYPE, &type, &tlen) == 0);
	CHECK(type == SOCK_STREAM && tlen == sizeof(int));
	CHECK(send(c, "hello ", 6, 0) == 6);
	CHECK(write(c, "world", 5) == 5);
	n = (int)recv(c, buf, 11, MSG_WAITALL);
	printf("sockets: %s echo %d [%.*s]\n", name, n, n > 0 ? n : 0, buf);
	CHECK(shutdown(c, SHUT_WR) == 0);
	errno = 0;
	n = (int)send(c, "x", 1, MSG_NOSIGNAL);
	printf("sockets: %s send after SHUT_WR = %d %s\n", name, n,
	       errname(errno));
	pthread_join(t, NULL);
	printf("sockets: %s server's last read: %zd\n", name, s.last_read);
	report("read at end of file", read(c, buf, sizeof(buf)));
	close(c);
	close(s.fd);
}

static void udp(int family)
{
	const char *name = family == AF_INET ? "udp4" : "udp6";
	struct sockaddr_storage a, b, from;
	socklen_t alen = sizeof(a), blen = sizeof(b), flen = sizeof(from);
	int sa = socket(family, SOCK_DGRAM, 0),
	    sb = socket(family, SOCK_DGRAM, 0);
	struct iovec iov[2];
	struct msghdr msg;
	char buf[64], part1[4], part2[16];
	int n;

	memset(&a, 0, sizeof(a));
	a.ss_family = family;
	if (family == AF_INET)
		((struct sockaddr_in *)&a)->sin_addr.s_addr =
			htonl(INADDR_LOOPBACK);
	else
		((struct sockaddr_in6 *)&a)->sin6_addr = in6addr_loopback;
	alen = family == AF_INET ? sizeof(struct sockaddr_in) :
				   sizeof(struct sockaddr_in6);
	b = a;
	blen = alen;
	CHECK(bind(sa, (struct sockaddr *)&a, alen) == 0);
	CHECK(bind(sb, (struct sockaddr *)&b, blen) == 0);
	CHECK(getsockname(sa, (struct sockaddr *)&a, &alen) == 0);
	CHECK(getsockname(sb, (struct sockaddr *)&b, &blen) == 0);
	CHECK(sendto(sa, "datagram", 8, 0, (struct sockaddr *)&b, blen) == 8);
	n = (int)recvfrom(sb, buf, sizeof(buf), 0, (struct sockaddr *)&from,
			  &flen);
	printf("sockets: %s got %d [%.*s] from the sender: %s\n", name, n,
	       n > 0 ? n : 0, buf,
	       flen == alen && !memcmp(&from, &a, alen) ? "yes" : "no");
	iov[0] = (struct iovec){ "scat", 4 };
	iov[1] = (struct iovec){ "ter-gather", 10 };
	memset(&msg, 0, sizeof(msg));
	msg.msg_name = &b;
	msg.msg_namelen = blen;
	msg.msg_iov = iov;
	msg.msg_iovlen = 2;
	CHECK(sendmsg(sa, &msg, 0) == 14);
	iov[0] = (struct iovec){ part1, sizeof(part1) };
	iov[1] = (struct iovec){ part2, sizeof(part2) };
	memset(&msg, 0, sizeof(msg));
	msg.msg_name = &from;
	msg.msg_namelen = sizeof(from);
	msg.msg_iov = iov;
	msg.msg_iovlen = 2;
	n = (int)recvmsg(sb, &msg, 0);
	printf("sockets: %s recvmsg %d [%.4s|%.*s] name %s\n", name, n, part1,
	       n > 4 ? n - 4 : 0, part2,
	       msg.msg_namelen == alen && !memcmp(&from, &a, alen) ? "ok" :
								     "bad");
	errno = 0;
	n = (int)recv(sb, buf, sizeof(buf), MSG_DONTWAIT);
	printf("sockets: %s recv MSG_DONTWAIT on empty = %d %s\n", name, n,
	       errname(errno));
	close(sa);
	close(sb);
}

/* A loopback port nothing listens on. */
static void free_port(struct sockaddr_in *addr)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	socklen_t len = sizeof(*addr);

	memset(addr, 0, sizeof(*addr));
	addr->sin_family = AF_INET;
	addr->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	CHECK(bind(fd, (struct sockaddr *)addr, sizeof(*addr)) == 0);
	CHECK(getsockname(fd, (struct sockaddr *)addr, &len) == 0);
	close(fd);
}

static void refused(void)
{
	struct sockaddr_in addr;
	int fd = socket(AF_INET, SOCK_STREAM, 0), err = 0, rc;
	socklen_t len = sizeof(err);
	struct pollfd p;

	free_port(&addr);
	errno = 0;
	report("connect to a closed port",
	       connect(fd, (struct sockaddr *)&addr, sizeof(addr)));
	close(fd);

	fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	rc = connect(fd, (struct sockaddr *)&addr, sizeof(addr));
	if (rc < 0 && errno == EINPROGRESS) {
		p = (struct pollfd){ .fd = fd, .events = POLLOUT };
		CHECK(poll(&p, 1, 5000) == 1);
		CHECK(getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == 0);
	} else {
		err = rc < 0 ? errno : 0;
	}
	printf("sockets: non-blocking connect to a closed port: %s\n",
	       errname(err));
	close(fd);
}

/* close() with received data still unread resets the connection, on
 * Linux as in lwIP: the peer's next recv fails with ECONNRESET (Petrel's
 * kernel also says so on the console). */
static void close_unread(void)
{
	struct sockaddr_storage addr;
	socklen_t len;
	int lfd = listener(AF_INET, &addr, &len), c, s;
	struct pollfd p;
	char buf[16];

	c = socket(AF_INET, SOCK_STREAM, 0);
	CHECK(connect(c, (struct sockaddr *)&addr, len) == 0);
	s = accept(lfd, NULL, NULL);
	CHECK(s >= 0);
	CHECK(send(c, "unread", 6, 0) == 6);
	p = (struct pollfd){ .fd = s, .events = POLLIN };
	CHECK(poll(&p, 1, 5000) == 1);
	close(s);
	p = (struct pollfd){ .fd = c, .events = POLLIN };
	CHECK(poll(&p, 1, 5000) == 1);
	errno = 0;
	report("recv after the peer closed with data unread",
	       recv(c, buf, sizeof(buf), 0));
	close(c);
	close(lfd);
}

static void nonblocking(void)
{
	struct sockaddr_storage addr;
	socklen_t len;
	int l = listener(AF_INET, &addr, &len), err = -1, c, a, n, flags;
	socklen_t elen = sizeof(err);
	struct pollfd p;
	char buf[16];
	int on = 1;

	flags = fcntl(l, F_GETFL);
	CHECK(fcntl(l, F_SETFL, flags | O_NONBLOCK) == 0);
	printf("sockets: F_GETFL nonblocking %d\n",
	       (fcntl(l, F_GETFL) & O_NONBLOCK) != 0);
	errno = 0;
	report("accept with none pending", accept(l, NULL, NULL));

	c = socket(AF_INET, SOCK_STREAM, 0);
	CHECK(ioctl(c, FIONBIO, &on) == 0);
	errno = 0;
	report("non-blocking connect",
	       connect(c, (struct sockaddr *)&addr, len));
	p = (struct pollfd){ .fd = c, .events = POLLOUT };
	poll_report("poll for connected", &p, 5000);
	CHECK(getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &elen) == 0);
	printf("sockets: SO_ERROR after connect: %s\n", errname(err));
	p = (struct pollfd){ .fd = l, .events = POLLIN };
	poll_report("poll listener", &p, 5000);
	a = accept4(l, NULL, NULL, SOCK_NONBLOCK);
	CHECK(a >= 0);
	errno = 0;
	report("recv on an empty non-blocking socket",
	       recv(a, buf, sizeof(buf), 0));
	p = (struct pollfd){ .fd = a, .events = POLLIN | POLLOUT };
	poll_report("poll idle connection", &p, 0);
	CHECK(send(c, "12345", 5, 0) == 5);
	p = (struct pollfd){ .fd = a, .events = POLLIN };
	poll_report("poll after data", &p, 5000);
	CHECK(ioctl(a, FIONREAD, &n) == 0);
	printf("sockets: FIONREAD %d\n", n);
	n = (int)recv(a, buf, sizeof(buf), MSG_PEEK);
	printf("sockets: peek %d\n", n);
	report("then read", read(a, buf, sizeof(buf)));
	close(c);
	p = (struct pollfd){ .fd = a, .events = POLLIN };
	n = poll(&p, 1, 5000);
	printf("sockets: poll after peer close: %d in %d\n", n,
	       (p.revents & POLLIN) != 0);
	report("read after peer close", read(a, buf, sizeof(buf)));
	close(a);
	close(l);
}

static void timeouts(void)
{
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in addr = { .sin_family = AF_INET,
				    .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct timeval tv = { 0, 200000 }, got;
	socklen_t len = sizeof(got);
	char buf[8];
	double t0, ms;
	long rc;

	CHECK(bind(fd, (struct sockaddr *)&addr, sizeof(addr)) == 0);
	CHECK(setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == 0);
	CHECK(getsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &got, &len) == 0);
	printf("sockets: SO_RCVTIMEO reads back %ld.%06ld (%u bytes)\n",
	       (long)got.tv_sec, (long)got.tv_usec, len);
	t0 = now_ms();
	errno = 0;
	rc = recv(fd, buf, sizeof(buf), 0);
	ms = now_ms() - t0;
	report("recv with SO_RCVTIMEO", rc);
	printf("sockets: it waited about 200 ms: %s\n",
	       ms >= 150 && ms < 2000 ? "yes" : "no");
	close(fd);
}

static int int_option(int fd, int level, int name)
{
	int v = -1;
	socklen_t len = sizeof(v);

	if (getsockopt(fd, level, name, &v, &len) < 0)
		return -100 - errno;
	return v;
}

static void options(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1, pfd[2];
	int fd6 = socket(AF_INET6, SOCK_STREAM, 0);
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct sockaddr_storage addr;
	socklen_t len;
	int l, b;

	printf("sockets: defaults reuseaddr %d keepalive %d nodelay %d "
	       "v6only %d error %d\n",
	       int_option(fd, SOL_SOCKET, SO_REUSEADDR),
	       int_option(fd, SOL_SOCKET, SO_KEEPALIVE),
	       int_option(fd, IPPROTO_TCP, TCP_NODELAY),
	       int_option(fd6, IPPROTO_IPV6, IPV6_V6ONLY),
	       int_option(fd, SOL_SOCKET, SO_ERROR));
	CHECK(setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) == 0);
	CHECK(setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof(one)) == 0);
	CHECK(setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)) == 0);
	CHECK(setsockopt(fd6, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one)) ==
	      0);
	printf("sockets: set reuseaddr %d keepalive %d nodelay %d v6only %d\n",
	       int_option(fd, SOL_SOCKET, SO_REUSEADDR),
	       int_option(fd, SOL_SOCKET, SO_KEEPALIVE),
	       int_option(fd, IPPROTO_TCP, TCP_NODELAY),
	       int_option(fd6, IPPROTO_IPV6, IPV6_V6ONLY));
	errno = 0;
	report("setsockopt(level 12345)",
	       setsockopt(fd, 12345, 1, &one, sizeof(one)));
	errno = 0;
	report("setsockopt(SO_REUSEADDR, 1 byte)",
	       setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, 1));
	CHECK(pipe(pfd) == 0);
	errno = 0;
	report("getsockopt on a pipe",
	       int_option(pfd[0], SOL_SOCKET, SO_TYPE) + 100 + ENOTSOCK == 0 ?
		       -1 :
		       0);
	errno = 0;
	report("send on a pipe", send(pfd[1], "x", 1, 0));
	errno = 0;
	report("recv on fd 99", recv(99, &one, 1, 0));
	errno = 0;
	report("socket(AF_UNIX+99)", socket(AF_UNIX + 99, SOCK_STREAM, 0));
	errno = 0;
	report("socket(AF_INET, SOCK_STREAM, IPPROTO_UDP)",
	       socket(AF_INET, SOCK_STREAM, IPPROTO_UDP));
	errno = 0;
	report("getpeername unconnected",
	       getpeername(fd, (struct sockaddr *)&addr,
			   &(socklen_t){ sizeof(addr) }));
	errno = 0;
	report("listen on UDP", listen(b = socket(AF_INET, SOCK_DGRAM, 0), 1));
	close(b);

	l = listener(AF_INET, &addr, &len);
	b = socket(AF_INET, SOCK_STREAM, 0);
	a.sin_port = ((struct sockaddr_in *)&addr)->sin_port;
	errno = 0;
	report("bind to a port in use",
	       bind(b, (struct sockaddr *)&a, sizeof(a)));
	close(b);
	close(l);
	close(pfd[0]);
	close(pfd[1]);
	close(fd);
	close(fd6);
}

static void print_ai(const char *what, const struct addrinfo *ai)
{
	char host[NI_MAXHOST], serv[NI_MAXSERV];

	for (; ai; ai = ai->ai_next) {
		getnameinfo(ai->ai_addr, ai->ai_addrlen, host, sizeof(host),
			    serv, sizeof(serv),
			    NI_NUMERICHOST | NI_NUMERICSERV);
		printf("sockets: %s: family %d type %d proto %d len %u %s port %s "
		       "canon %s\n",
		       what, ai->ai_family, ai->ai_socktype, ai->ai_protocol,
		       ai->ai_addrlen, host, serv,
		       ai->ai_canonname ? ai->ai_canonname : "-");
	}
}

static void lookup(const char *what, const char *node, const char *service,
		   int family, int type, int flags)
{
	struct addrinfo hints = { .ai_family = family,
				  .ai_socktype = type,
				  .ai_flags = flags };
	struct addrinfo *res = NULL;
	int rc = getaddrinfo(node, service, &hints, &res);

	if (rc) {
		printf("sockets: %s: %d %s\n", what, rc, gai_strerror(rc));
		return;
	}
	print_ai(what, res);
	freeaddrinfo(res);
}

static void names(void)
{
	struct sockaddr_in in = { .sin_family = AF_INET,
				  .sin_port = htons(80),
				  .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct sockaddr_in6 in6 = { .sin6_family = AF_INET6,
				    .sin6_port = htons(443) };
	char host[NI_MAXHOST], serv[NI_MAXSERV], tiny[4];
	int rc;

	lookup("localhost:80/inet/stream", "localhost", "80", AF_INET,
	       SOCK_STREAM, 0);
	lookup("127.0.0.1/any type", "127.0.0.1", NULL, AF_INET, 0,
	       AI_CANONNAME);
	lookup("::1 http/stream", "::1", "http", AF_UNSPEC, SOCK_STREAM, 0);
	lookup("passive inet 8080", NULL, "8080", AF_INET, SOCK_STREAM,
	       AI_PASSIVE);
	lookup("passive inet6 8080", NULL, "8080", AF_INET6, SOCK_STREAM,
	       AI_PASSIVE);
	lookup("active inet 7", NULL, "7", AF_INET, SOCK_DGRAM, 0);
	lookup("127.1 (inet_aton form)", "127.1", "1", AF_INET, SOCK_STREAM, 0);
	lookup("numeric-only name", "localhost", "80", AF_INET, SOCK_STREAM,
	       AI_NUMERICHOST);
	lookup("unknown service", "127.0.0.1", "no-such-service", AF_INET,
	       SOCK_STREAM, 0);
	lookup("named service, numeric only", "127.0.0.1", "http", AF_INET,
	       SOCK_STREAM, AI_NUMERICSERV);
	lookup("no node, no service", NULL, NULL, AF_INET, 0, 0);
	lookup("bad family", "127.0.0.1", "80", 12345, 0, 0);
	lookup("bad socktype", "127.0.0.1", "80", AF_INET, 12345, 0);
	lookup("v4 text, inet6 family", "127.0.0.1", "80", AF_INET6, 0, 0);

	rc = getnameinfo((struct sockaddr *)&in, sizeof(in), host, sizeof(host),
			 serv, sizeof(serv), NI_NUMERICHOST | NI_NUMERICSERV);
	printf("sockets: getnameinfo numeric %d [%s] [%s]\n", rc, host, serv);
	rc = getnameinfo((struct sockaddr *)&in, sizeof(in), host, sizeof(host),
			 serv, sizeof(serv), 0);
	printf("sockets: getnameinfo 127.0.0.1:80 %d [%s] [%s]\n", rc, host,
	       serv);
	in6.sin6_addr.s6_addr[0] = 0x20;
	in6.sin6_addr.s6_addr[1] = 0x01;
	in6.sin6_addr.s6_addr[2] = 0x0d;
	in6.sin6_addr.s6_addr[3] = 0xb8;
	in6.sin6_addr.s6_addr[15] = 5;
	rc = getnameinfo((struct sockaddr *)&in6, sizeof(in6), host,
			 sizeof(host), serv, sizeof(serv), NI_NUMERICHOST);
	printf("sockets: getnameinfo 2001:db8::5 %d [%s] [%s]\n", rc, host,
	       serv);
	rc = getnameinfo((struct sockaddr *)&in, sizeof(in), tiny, sizeof(tiny),
			 NULL, 0, NI_NUMERICHOST);
	printf("sockets: getnameinfo into 4 bytes: %d %s\n", rc,
	       gai_strerror(rc));
	rc = getnameinfo((struct sockaddr *)&in, 4, host, sizeof(host), NULL, 0,
			 NI_NUMERICHOST);
	printf("sockets: getnameinfo short sockaddr: %d\n", rc);
	for (int code = -12; code <= 0; code++)
		printf("sockets: gai_strerror(%d) %s\n", code,
		       gai_strerror(code));
}

/* A socket with data waiting, stdin (open, empty) and a pipe. */
static void multiplex(void)
{
	struct sockaddr_storage addr;
	socklen_t len;
	int l = listener(AF_INET, &addr, &len), c, a, pfd[2], n, closed;
	struct timeval tv = { 0, 100000 };
	struct pollfd p[3];
	fd_set rd, wr;
	double t0;

	c = socket(AF_INET, SOCK_STREAM, 0);
	CHECK(connect(c, (struct sockaddr *)&addr, len) == 0);
	a = accept(l, NULL, NULL);
	CHECK(a >= 0);
	CHECK(pipe(pfd) == 0);

	FD_ZERO(&rd);
	FD_SET(0, &rd);
	FD_SET(a, &rd);
	t0 = now_ms();
	n = select(a + 1, &rd, NULL, NULL, &tv);
	printf("sockets: select on idle stdin+socket: %d, waited %s\n", n,
	       now_ms() - t0 >= 80 ? "yes" : "no");
	/* Data sent on loopback arrives a moment later (at once on Linux,
	 * through lwIP's thread on Petrel): select waits for it. */
	CHECK(write(c, "ping", 4) == 4);
	FD_ZERO(&rd);
	FD_SET(0, &rd);
	FD_SET(a, &rd);
	FD_SET(pfd[0], &rd);
	n = select((a > pfd[0] ? a : pfd[0]) + 1, &rd, NULL, NULL, NULL);
	printf("sockets: select read: %d stdin %d socket %d pipe-read %d\n", n,
	       FD_ISSET(0, &rd) != 0, FD_ISSET(a, &rd) != 0,
	       FD_ISSET(pfd[0], &rd) != 0);
	FD_ZERO(&rd);
	FD_SET(0, &rd);
	FD_SET(a, &rd);
	FD_SET(pfd[0], &rd);
	FD_ZERO(&wr);
	FD_SET(pfd[1], &wr);
	n = select((a > pfd[1] ? a : pfd[1]) + 1, &rd, &wr, NULL, NULL);
	printf("sockets: select: %d stdin %d socket %d pipe-read %d pipe-write "
	       "%d\n",
	       n, FD_ISSET(0, &rd) != 0, FD_ISSET(a, &rd) != 0,
	       FD_ISSET(pfd[0], &rd) != 0, FD_ISSET(pfd[1], &wr) != 0);

	CHECK(write(pfd[1], "p", 1) == 1);
	p[0] = (struct pollfd){ .fd = 0, .events = POLLIN };
	p[1] = (struct pollfd){ .fd = pfd[0], .events = POLLIN };
	p[2] = (struct pollfd){ .fd = -1, .events = POLLIN };
	n = poll(p, 3, -1);
	printf("sockets: poll stdin+pipe: %d revents %#x %#x %#x\n", n,
	       p[0].revents, p[1].revents, p[2].revents);
	close(pfd[1]);
	p[1].revents = 0;
	n = poll(&p[1], 1, 0);
	printf("sockets: poll pipe after writer closed: %d revents %#x\n", n,
	       p[1].revents);
	/*
	 * A just-closed low fd: Linux's select ignores fds beyond its fd
	 * table's current size, so a high made-up number like 77 gives 0
	 * or EBADF depending on how many fds the host process inherited.
	 */
	closed = socket(AF_INET, SOCK_DGRAM, 0);
	CHECK(closed >= 0 && close(closed) == 0);
	p[0] = (struct pollfd){ .fd = closed, .events = POLLIN };
	poll_report("poll on a closed fd", &p[0], 0);
	FD_ZERO(&rd);
	FD_SET(closed, &rd);
	errno = 0;
	report("select on a closed fd",
	       select(closed + 1, &rd, NULL, NULL, &tv));
	close(pfd[0]);
	close(a);
	close(c);
	close(l);
}

#define BULK_BYTES (1 << 20)

struct sink {
	int fd;
	long bytes;
	unsigned int hash;
};

static unsigned int fnv1a(unsigned int h, const unsigned char *p, size_t n)
{
	while (n--)
		h = (h ^ *p++) * 16777619u;
	return h;
}

/* Accept one connection and hash all it sends. */
static void *sink_server(void *arg)
{
	struct sink *s = arg;
	int c = accept(s->fd, NULL, NULL);
	unsigned char buf[3000];
	ssize_t n;

	s->hash = 2166136261u;
	while ((n = read(c, buf, sizeof(buf))) > 0) {
		s->hash = fnv1a(s->hash, buf, (size_t)n);
		s->bytes += n;
	}
	close(c);
	return NULL;
}

/* 1 MiB through a loopback TCP connection, in odd-sized writes. */
static void bulk(int family)
{
	struct sockaddr_storage addr;
	socklen_t len;
	struct sink s = { .fd = listener(family, &addr, &len) };
	static unsigned char data[BULK_BYTES];
	unsigned int want = 2166136261u;
	pthread_t t;
	size_t at = 0;
	int c;

	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)(i * 31 + i / 977);
	want = fnv1a(want, data, sizeof(data));
	pthread_create(&t, NULL, sink_server, &s);
	c = socket(family, SOCK_STREAM, 0);
	CHECK(connect(c, (struct sockaddr *)&addr, len) == 0);
	while (at < sizeof(data)) {
		size_t chunk = sizeof(data) - at < 7001 ? sizeof(data) - at :
							  7001;
		ssize_t n = send(c, data + at, chunk, 0);

		if (n <= 0) {
			CHECK(n > 0);
			break;
		}
		at += (size_t)n;
	}
	close(c);
	pthread_join(t, NULL);
	printf("sockets: bulk %s: %ld bytes, hash %s\n",
	       family == AF_INET ? "tcp4" : "tcp6", s.bytes,
	       s.hash == want ? "matches" : "differs");
	close(s.fd);
}

/* socketpair (AF_UNIX streams) and readv/writev on it. */
static void pair(void)
{
	int sv[2], type = 0;
	socklen_t len = sizeof(type);
	char a[4], b[8];
	struct iovec out[2] = { { "abc", 3 }, { "defgh", 5 } };
	struct iovec in[2] = { { a, sizeof(a) }, { b, sizeof(b) } };
	struct pollfd p;
	int avail = 0;
	ssize_t n;

	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	CHECK(getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &type, &len) == 0);
	printf("sockets: socketpair type %d\n", type);
	CHECK(writev(sv[0], out, 2) == 8);
	/* Both writes are there before readv (at once on Linux). */
	p = (struct pollfd){ .fd = sv[1], .events = POLLIN };
	while (poll(&p, 1, 1000) == 1 && ioctl(sv[1], FIONREAD, &avail) == 0 &&
	       avail < 8)
		usleep(1000);
	n = readv(sv[1], in, 2);
	printf("sockets: readv %zd [%.4s|%.*s]\n", n, a,
	       (int)(n > 4 ? n - 4 : 0), b);
	close(sv[0]);
	report("read after the other end closed", read(sv[1], a, sizeof(a)));
	close(sv[1]);
	errno = 0;
	report("socketpair(AF_INET)", socketpair(AF_INET, SOCK_STREAM, 0, sv));
}

static void interfaces(void)
{
	char name[IF_NAMESIZE] = "";
	unsigned int index = if_nametoindex("lo");

	printf("sockets: if_nametoindex(lo) %u, back %s\n", index,
	       if_indextoname(index, name) ? name : "NULL");
	errno = 0;
	printf("sockets: if_nametoindex(nosuch0) %u\n",
	       if_nametoindex("nosuch0"));
	printf("sockets: in6addr_any unspecified %d, h_errno readable %d\n",
	       IN6_IS_ADDR_UNSPECIFIED(&in6addr_any), h_errno >= 0);
}

/* With stdin piped: select and poll see its data arrive next to an idle
 * socket, then its end (a pipe's end: hung up, and readable to select). */
static int piped_stdin(void)
{
	struct sockaddr_storage addr;
	socklen_t len;
	int l = listener(AF_INET, &addr, &len), n, total = 0;
	struct timeval tv = { 20, 0 };
	struct pollfd p[2];
	char buf[256], text[256] = "";
	fd_set rd;

	FD_ZERO(&rd);
	FD_SET(0, &rd);
	FD_SET(l, &rd);
	n = select(l + 1, &rd, NULL, NULL, &tv);
	printf("sockets: stdin select: %d stdin %d listener %d\n", n,
	       FD_ISSET(0, &rd) != 0, FD_ISSET(l, &rd) != 0);
	while ((n = (int)read(0, buf, sizeof(buf))) > 0 &&
	       total + n < (int)sizeof(text)) {
		memcpy(text + total, buf, (size_t)n);
		total += n;
	}
	for (int i = 0; i < total; i++)
		if (text[i] == '\n')
			text[i] = '|';
	printf("sockets: stdin read %d bytes [%.*s], last read %d\n", total,
	       total, text, n);
	p[0] = (struct pollfd){ .fd = 0, .events = POLLIN };
	p[1] = (struct pollfd){ .fd = l, .events = POLLIN };
	n = poll(p, 2, 1000);
	printf("sockets: poll at end of stdin: %d revents %#x %#x\n", n,
	       p[0].revents, p[1].revents);
	FD_ZERO(&rd);
	FD_SET(0, &rd);
	n = select(1, &rd, NULL, NULL, &tv);
	printf("sockets: select at end of stdin: %d readable %d\n", n,
	       FD_ISSET(0, &rd) != 0);
	close(l);
	printf("sockets: done\n");
	return failures != 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);
	if (argc > 1 && !strcmp(argv[1], "stdin"))
		return piped_stdin();
	abi();
	inet();
	tcp(AF_INET);
	tcp(AF_INET6);
	udp(AF_INET);
	udp(AF_INET6);
	refused();
	close_unread();
	nonblocking();
	timeouts();
	options();
	names();
	multiplex();
	bulk(AF_INET);
	bulk(AF_INET6);
	pair();
	interfaces();
	printf("sockets: %d failures\n", failures);
	printf("sockets: done\n");
	return failures != 0;
}
