/*
 * Name and service lookup: getaddrinfo, getnameinfo, gethostbyname.
 * Numeric addresses (inet_aton's forms for IPv4, as glibc takes) and
 * "localhost" need no network; other names go to the stack's DNS
 * client, which brings the network up. There is no /etc/services: a
 * few well-known service names are built in. Results come as glibc
 * gives them: one entry per socket type (stream, datagram, raw) for
 * each address when the hints leave the type open.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lib/libc/socket_abi.h"

/* Text here is in named arrays, not string literals: literals land in
 * a merged string section every image carries; these go with their
 * users. */
struct service {
	char name[8];
	int port;
};

static const struct service services[] = {
	{ "echo", 7 },	{ "ftp", 21 },	  { "ssh", 22 },    { "telnet", 23 },
	{ "smtp", 25 }, { "domain", 53 }, { "http", 80 },   { "pop3", 110 },
	{ "ntp", 123 }, { "imap", 143 },  { "https", 443 }, { "imaps", 993 },
};

static const char localhost[] = "localhost";
static const char decimal[] = "%d";

#define SERVICE_COUNT (sizeof(services) / sizeof(services[0]))
#define MAX_ADDRS 2

/* The port (host order) for service, or an EAI_ error. */
static int service_port(const char *service, int flags)
{
	char *end;
	unsigned long port;

	if (!service)
		return 0;
	port = strtoul(service, &end, 10);
	if (*service && !*end && isdigit((unsigned char)*service))
		return port > 65535 ? EAI_SERVICE : (int)port;
	if (flags & AI_NUMERICSERV)
		return EAI_NONAME;
	for (size_t i = 0; i < SERVICE_COUNT; i++)
		if (!strcmp(services[i].name, service))
			return services[i].port;
	return EAI_SERVICE;
}

static void stack_addr_ip(struct stack_addr *a, int family, const void *ip)
{
	memset(a, 0, sizeof(*a));
	a->family = family == AF_INET6 ? ID_AF_INET6 : ID_AF_INET;
	memcpy(a->addr, ip, family == AF_INET6 ? 16 : 4);
}

/* A numeric IPv4 address exactly as glibc's getaddrinfo reads one. */
static int numeric_ipv4(const char *node, struct in_addr *a)
{
	for (const char *p = node; *p; p++)
		if (isspace((unsigned char)*p))
			return 0;
	return inet_aton(node, a);
}

/* The addresses for node and family, at most MAX_ADDRS; or an EAI_. */
static int host_addrs(const char *node, int family, int flags,
		      struct stack_addr out[MAX_ADDRS])
{
	static const unsigned char any4[4], lo4[4] = { 127, 0, 0, 1 };
	const void *ip4 = flags & AI_PASSIVE ? any4 : lo4;
	const void *ip6 = flags & AI_PASSIVE ? &in6addr_any : &in6addr_loopback;
	struct in6_addr a6;
	struct in_addr a4;
	int n = 0, rc;

	if (node && numeric_ipv4(node, &a4)) {
		if (family == AF_INET6)
			return EAI_ADDRFAMILY;
		stack_addr_ip(&out[0], AF_INET, &a4);
		return 1;
	}
	if (node && inet_pton(AF_INET6, node, &a6) == 1) {
		if (family == AF_INET)
			return EAI_ADDRFAMILY;
		stack_addr_ip(&out[0], AF_INET6, &a6);
		return 1;
	}
	if (node && (flags & AI_NUMERICHOST))
		return EAI_NONAME;
	if (!node || !strcasecmp(node, localhost)) {
		if (!node && !(flags & AI_PASSIVE))
			ip4 = lo4;
		if (family != AF_INET)
			stack_addr_ip(&out[n++], AF_INET6,
				      node ? &in6addr_loopback : ip6);
		if (family != AF_INET6)
			stack_addr_ip(&out[n++], AF_INET, node ? lo4 : ip4);
		return n;
	}
	stack_start();
	rc = stack_lookup(node, abi_family_id(family), &out[0]);
	if (rc == -ENOENT)
		return EAI_NONAME;
	if (rc == -ENOMEM)
		return EAI_MEMORY;
	return rc < 0 ? EAI_AGAIN : 1;
}

/* One result: the addrinfo and its sockaddr in one block. */
static struct addrinfo *new_result(const struct stack_addr *a, int port,
				   int flags, int socktype, int protocol)
{
	struct addrinfo *ai =
		calloc(1, sizeof(*ai) + sizeof(struct sockaddr_in6));
	struct stack_addr with_port = *a;

	if (!ai)
		return NULL;
	with_port.port = htons((uint16_t)port);
	ai->ai_flags = flags;
	ai->ai_family = a->family == ID_AF_INET6 ? AF_INET6 : AF_INET;
	ai->ai_socktype = socktype;
	ai->ai_protocol = protocol;
	ai->ai_addr = (struct sockaddr *)(ai + 1);
	ai->ai_addrlen = sizeof(struct sockaddr_in6);
	sockaddr_from_stack(&with_port, ai->ai_addr, &ai->ai_addrlen);
	return ai;
}

static const struct {
	int socktype, protocol;
} kinds[] = {
	{ SOCK_STREAM, IPPROTO_TCP },
	{ SOCK_DGRAM, IPPROTO_UDP },
	{ SOCK_RAW, 0 },
};

static bool kind_wanted(const struct addrinfo *h, int i)
{
	if (h->ai_socktype && h->ai_socktype != kinds[i].socktype)
		return false;
	return !h->ai_protocol || kinds[i].socktype == SOCK_RAW ||
	       h->ai_protocol == kinds[i].protocol;
}

static int check_hints(const struct addrinfo *h)
{
	const int known = AI_PASSIVE | AI_CANONNAME | AI_NUMERICHOST |
			  AI_V4MAPPED | AI_ALL | AI_ADDRCONFIG | AI_NUMERICSERV;

	if (h->ai_flags & ~known)
		return EAI_BADFLAGS;
	if (h->ai_family != AF_UNSPEC && h->ai_family != AF_INET &&
	    h->ai_family != AF_INET6)
		return EAI_FAMILY;
	if (h->ai_socktype && h->ai_socktype != SOCK_STREAM &&
	    h->ai_socktype != SOCK_DGRAM && h->ai_socktype != SOCK_RAW)
		return EAI_SOCKTYPE;
	return 0;
}

static int build_results(const struct addrinfo *h, const char *node,
			 const struct stack_addr *addrs, int count, int port,
			 struct addrinfo **res)
{
	struct addrinfo *head = NULL, **tail = &head;

	for (int a = 0; a < count; a++) {
		for (int k = 0; k < 3; k++) {
			if (!kind_wanted(h, k))
				continue;
			*tail = new_result(&addrs[a], port, h->ai_flags,
					   kinds[k].socktype,
					   h->ai_protocol ? h->ai_protocol :
							    kinds[k].protocol);
			if (!*tail)
				goto nomem;
			tail = &(*tail)->ai_next;
		}
	}
	if (!head)
		return EAI_SOCKTYPE;
	if ((h->ai_flags & AI_CANONNAME) &&
	    !(head->ai_canonname = strdup(node)))
		goto nomem;
	*res = head;
	return 0;
nomem:
	freeaddrinfo(head);
	return EAI_MEMORY;
}

int getaddrinfo(const char *node, const char *service,
		const struct addrinfo *hints, struct addrinfo **res)
{
	struct addrinfo none = { .ai_family = AF_UNSPEC };
	const struct addrinfo *h = hints ? hints : &none;
	struct stack_addr addrs[MAX_ADDRS];
	int port, count, rc;

	if (!node && !service)
		return EAI_NONAME;
	rc = check_hints(h);
	if (rc)
		return rc;
	if (!node && (h->ai_flags & AI_CANONNAME))
		return EAI_BADFLAGS;
	port = service_port(service, h->ai_flags);
	if (port < 0)
		return port;
	count = host_addrs(node, h->ai_family, h->ai_flags, addrs);
	if (count < 0)
		return count;
	return build_results(h, node, addrs, count, port, res);
}

void freeaddrinfo(struct addrinfo *res)
{
	while (res) {
		struct addrinfo *next = res->ai_next;

		free(res->ai_canonname);
		free(res);
		res = next;
	}
}

struct message {
	int code;
	char text[44];
};

static const struct message gai_messages[] = {
	{ EAI_BADFLAGS, "Bad value for ai_flags" },
	{ EAI_NONAME, "Name or service not known" },
	{ EAI_AGAIN, "Temporary failure in name resolution" },
	{ EAI_FAIL, "Non-recoverable failure in name resolution" },
	{ EAI_NODATA, "No address associated with hostname" },
	{ EAI_FAMILY, "ai_family not supported" },
	{ EAI_SOCKTYPE, "ai_socktype not supported" },
	{ EAI_SERVICE, "Servname not supported for ai_socktype" },
	{ EAI_ADDRFAMILY, "Address family for hostname not supported" },
	{ EAI_MEMORY, "Memory allocation failure" },
	{ EAI_SYSTEM, "System error" },
	{ 0, "Unknown error" },
};

static const struct message h_messages[] = {
	{ HOST_NOT_FOUND, "Unknown host" },
	{ TRY_AGAIN, "Host name lookup failure" },
	{ NO_RECOVERY, "Unknown server error" },
	{ NO_DATA, "No address associated with name" },
	{ 0, "Unknown resolver error" },
};

/* The text for code; the last entry is the fallback. */
static const char *message(const struct message *table, int code)
{
	while (table->code && table->code != code)
		table++;
	return table->text;
}

const char *gai_strerror(int errcode)
{
	return message(gai_messages, errcode);
}

static bool is_loopback(const struct stack_addr *a)
{
	static const unsigned char lo6[16] = { [15] = 1 };

	if (a->family == ID_AF_INET)
		return a->addr[0] == 127;
	return !memcmp(a->addr, lo6, 16);
}

static int copy_text(char *dst, socklen_t size, const char *text)
{
	if (strlen(text) >= size)
		return EAI_OVERFLOW;
	strcpy(dst, text);
	return 0;
}

static int host_text(const struct stack_addr *a, char *host, socklen_t len,
		     int flags)
{
	char text[INET6_ADDRSTRLEN];

	if (!(flags & NI_NUMERICHOST) && is_loopback(a))
		return copy_text(host, len, localhost);
	if (flags & NI_NAMEREQD)
		return EAI_NONAME;
	inet_ntop(a->family == ID_AF_INET6 ? AF_INET6 : AF_INET, a->addr, text,
		  sizeof(text));
	return copy_text(host, len, text);
}

static int service_text(int port, char *serv, socklen_t len, int flags)
{
	char text[8];

	if (!(flags & NI_NUMERICSERV))
		for (size_t i = 0; i < SERVICE_COUNT; i++)
			if (services[i].port == port)
				return copy_text(serv, len, services[i].name);
	snprintf(text, sizeof(text), decimal, port);
	return copy_text(serv, len, text);
}

int getnameinfo(const struct sockaddr *addr, socklen_t addrlen, char *host,
		socklen_t hostlen, char *serv, socklen_t servlen, int flags)
{
	struct stack_addr a;
	int rc;

	if (sockaddr_to_stack(addr, addrlen, &a) < 0)
		return EAI_FAMILY;
	if (!(host && hostlen) && !(serv && servlen))
		return EAI_NONAME;
	if (host && hostlen) {
		rc = host_text(&a, host, hostlen, flags);
		if (rc)
			return rc;
	}
	if (serv && servlen)
		return service_text(ntohs(a.port), serv, servlen, flags);
	return 0;
}

/* lwIP (api/netdb.c) defines h_errno too: weak here, so libpetrel
 * exports the name (only lib/libc's definitions are) and either links. */
__attribute__((weak)) int h_errno;

/* One IPv4 address per name, in static storage (not thread-safe, as
 * on Linux). */
struct hostent *gethostbyname(const char *name)
{
	static struct in_addr addr;
	static char *addr_list[2] = { (char *)&addr, NULL };
	static char *aliases[1];
	static char host_name[256];
	static struct hostent entry = { host_name, aliases, AF_INET, 4,
					addr_list };
	struct stack_addr a[MAX_ADDRS];
	int n = host_addrs(name, AF_INET, 0, a);

	if (n == EAI_AGAIN || n == EAI_MEMORY) {
		h_errno = TRY_AGAIN;
		return NULL;
	}
	if (n < 1) {
		h_errno = HOST_NOT_FOUND;
		return NULL;
	}
	memcpy(&addr, a[0].addr, 4);
	strncpy(host_name, name, sizeof(host_name) - 1);
	return &entry;
}

const char *hstrerror(int err)
{
	return message(h_messages, err);
}
