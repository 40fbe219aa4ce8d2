/*
 * Network bring-up test guest: waits for an IPv4 address, prints the
 * vif's IPv4 and IPv6 addresses, publishes them in xenstore
 * (data/net-test/ipv4, ipv6) for the dom0 side (net-addrs.sh), which
 * pings and ping6s them and then writes data/net-test/done with its
 * verdict; the guest prints it and exits 0.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <petrel/net.h>
#include <petrel/xenstore.h>

#define ADDR_MAX 64
#define KEY "data/net-test/"

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Without the "/len": what ping wants. */
static void strip_prefix(char *addr)
{
	char *slash = strchr(addr, '/');

	if (slash)
		*slash = '\0';
}

/* A global IPv6 address if SLAAC gives one in time, else link-local. */
static int pick_ipv6(char *out, size_t size, int wait_ms)
{
	int found = -1;

	for (int waited = 0; waited <= wait_ms; waited += 250) {
		char a[ADDR_MAX];

		for (unsigned int n = 0;
		     petrel_net_address(0, PETREL_NET_IPV6, n, a, sizeof(a)) ==
		     0;
		     n++) {
			if (strncmp(a, "fe80", 4) != 0) {
				snprintf(out, size, "%s", a);
				return 0;
			}
			snprintf(out, size, "%s", a);
			found = 0;
		}
		sleep_ms(250);
	}
	return found;
}

int main(void)
{
	char v4[ADDR_MAX], v6[ADDR_MAX], verdict[256];
	int rc = petrel_net_wait(20000);

	printf("net: wait %d, vifs %d\n", rc, petrel_net_vifs());
	if (rc < 0 ||
	    petrel_net_address(0, PETREL_NET_IPV4, 0, v4, sizeof(v4)) < 0)
		return 1;
	printf("net: ipv4 %s\n", v4);
	if (pick_ipv6(v6, sizeof(v6), 8000) < 0)
		return 2;
	printf("net: ipv6 %s\n", v6);
	fflush(stdout);
	strip_prefix(v4);
	strip_prefix(v6);
	petrel_xenstore_write(KEY "ipv6", v6);
	petrel_xenstore_write(KEY "ipv4", v4);
	for (int i = 0; i < 1200; i++) {
		if (petrel_xenstore_read(KEY "done", verdict,
					 sizeof(verdict)) >= 0) {
			printf("net: dom0 says %s\n", verdict);
			return 0;
		}
		sleep_ms(100);
	}
	printf("net: dom0 never answered\n");
	return 3;
}
