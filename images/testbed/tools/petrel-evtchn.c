/*
 * petrel-evtchn DOMID PORT COUNT: a dom0 helper for event-channel tests.
 * Binds to the unbound port DOMID offered us (via /dev/xen/evtchn),
 * sends COUNT notifications, then waits up to 20 s for one back and
 * prints "evtchn: sent N, got one back" (or why not). Built statically
 * on the host into the testbed's dom0.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <xen/xen.h>
#include <xen/evtchn.h>

static int parse_uint(const char *s, unsigned int *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || !*s || *end || v > 0xffffffffUL)
		return -1;
	*out = (unsigned int)v;
	return 0;
}

/* Wait for an event on our port; unmask it again, as the driver asks. */
static int wait_event(int fd, unsigned int port)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	uint32_t fired;

	if (poll(&p, 1, 20000) <= 0)
		return -1;
	if (read(fd, &fired, sizeof(fired)) != sizeof(fired) || fired != port)
		return -1;
	return write(fd, &fired, sizeof(fired)) == sizeof(fired) ? 0 : -1;
}

int main(int argc, char **argv)
{
	struct ioctl_evtchn_bind_interdomain bind;
	struct ioctl_evtchn_notify notify;
	struct ioctl_evtchn_unbind unbind;
	unsigned int count;
	int fd, port;

	if (argc != 4 || parse_uint(argv[1], &bind.remote_domain) ||
	    parse_uint(argv[2], &bind.remote_port) ||
	    parse_uint(argv[3], &count)) {
		fprintf(stderr, "usage: petrel-evtchn DOMID PORT COUNT\n");
		return 2;
	}
	fd = open("/dev/xen/evtchn", O_RDWR);
	port = fd < 0 ? -1 : ioctl(fd, IOCTL_EVTCHN_BIND_INTERDOMAIN, &bind);
	if (port < 0) {
		printf("evtchn: error: bind to %u:%u: %s\n", bind.remote_domain,
		       bind.remote_port, strerror(errno));
		return 1;
	}
	notify.port = (unsigned int)port;
	for (unsigned int i = 0; i < count; i++) {
		if (ioctl(fd, IOCTL_EVTCHN_NOTIFY, &notify) < 0) {
			printf("evtchn: error: notify: %s\n", strerror(errno));
			return 1;
		}
		usleep(200000); /* separate events, not one coalesced */
	}
	if (wait_event(fd, notify.port)) {
		printf("evtchn: sent %u, nothing came back\n", count);
		return 1;
	}
	printf("evtchn: sent %u, got one back\n", count);
	unbind.port = notify.port;
	ioctl(fd, IOCTL_EVTCHN_UNBIND, &unbind);
	return 0;
}
