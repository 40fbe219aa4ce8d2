/*
 * netclient: an outbound TCP client, for the network tests. Resolves HOST (through the
 * DNS server the network gave the guest: dnsmasq in the testbed's dom0), prints every
 * address it has, connects to PORT on the first one that answers, sends one line, and prints
 * the line that comes back.
 *
 *   netclient HOST PORT
 *
 * Exits 0 when a line came back, 1 otherwise. It retries the lookup and the connection for
 * up to 60 s: the guest's network (DHCP) and the server may still be coming up.
 */
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define TRIES 60

static struct addrinfo *resolve(const char *host, const char *port)
{
	struct addrinfo hints = { .ai_family = AF_UNSPEC,
				  .ai_socktype = SOCK_STREAM };
	struct addrinfo *res = NULL;
	int rc = -1;

	for (int i = 0; i < TRIES && rc; i++) {
		rc = getaddrinfo(host, port, &hints, &res);
		if (rc)
			sleep(1);
	}
	if (rc) {
		printf("netclient: cannot resolve %s: %s\n", host,
		       gai_strerror(rc));
		return NULL;
	}
	for (struct addrinfo *a = res; a; a = a->ai_next) {
		char text[INET6_ADDRSTRLEN];
		const void *addr =
			a->ai_family == AF_INET ?
				(const void *)&(
					(struct sockaddr_in *)a->ai_addr)
					->sin_addr :
				(const void *)&(
					(struct sockaddr_in6 *)a->ai_addr)
					->sin6_addr;

		inet_ntop(a->ai_family, addr, text, sizeof(text));
		printf("netclient: %s is %s\n", host, text);
	}
	return res;
}

static int connect_any(const struct addrinfo *res)
{
	for (int i = 0; i < TRIES; i++, sleep(1)) {
		for (const struct addrinfo *a = res; a; a = a->ai_next) {
			int fd = socket(a->ai_family, a->ai_socktype,
					a->ai_protocol);

			if (fd < 0)
				continue;
			if (connect(fd, a->ai_addr, a->ai_addrlen) == 0)
				return fd;
			close(fd);
		}
	}
	return -1;
}

int main(int argc, char **argv)
{
	static const char hello[] = "hello from netclient\n";
	struct addrinfo *res;
	char line[256];
	size_t len = 0;
	int fd;

	if (argc != 3) {
		fprintf(stderr, "usage: netclient HOST PORT\n");
		return 2;
	}
	res = resolve(argv[1], argv[2]);
	if (!res)
		return 1;
	fd = connect_any(res);
	freeaddrinfo(res);
	if (fd < 0) {
		printf("netclient: cannot connect to %s port %s\n", argv[1],
		       argv[2]);
		return 1;
	}
	if (send(fd, hello, strlen(hello), 0) != (ssize_t)strlen(hello)) {
		perror("netclient: send");
		return 1;
	}
	while (len < sizeof(line) - 1) {
		ssize_t n = recv(fd, line + len, sizeof(line) - 1 - len, 0);

		if (n <= 0)
			break;
		len += n;
		if (memchr(line, '\n', len))
			break;
	}
	close(fd);
	line[len] = '\0';
	line[strcspn(line, "\n")] = '\0';
	printf("netclient: the server said: %s\n", line);
	return len ? 0 : 1;
}
