/*
 * Raw-frame test guest for petrel/netdev.h on a real netback: opens
 * vif 0, prints its MAC and what the backend agreed to, then sends
 * every frame it receives straight back with the Ethernet source and
 * destination swapped, until a frame of type 0x88b5 whose payload
 * starts with the stop marker. The dom0 side (netdev-echo.sh) checks
 * that every echo is byte-identical. Then it prints the driver's
 * counters and closes the vif (the dom0 side checks it is Closed).
 */
#include <stdio.h>
#include <string.h>
#include <petrel/netdev.h>

#define ETH_ALEN 6
#define STOP_TYPE_HI 0x88
#define STOP_TYPE_LO 0xb5
#define STOP_MARKER "PETREL-NETDEV-STOP"
/* Give up (and say what we saw) when dom0 goes quiet this long. */
#define IDLE_LIMIT_MS 60000

static unsigned char frame[65536];

static int is_stop(const unsigned char *f, long len)
{
	size_t n = strlen(STOP_MARKER);

	return len >= (long)(14 + n) && f[12] == STOP_TYPE_HI &&
	       f[13] == STOP_TYPE_LO && !memcmp(f + 14, STOP_MARKER, n);
}

static void swap_addresses(unsigned char *f)
{
	unsigned char tmp[ETH_ALEN];

	memcpy(tmp, f, ETH_ALEN);
	memcpy(f, f + ETH_ALEN, ETH_ALEN);
	memcpy(f + ETH_ALEN, tmp, ETH_ALEN);
}

static void print_identity(int dev)
{
	unsigned char mac[ETH_ALEN];
	int f = petrel_netdev_features(dev);

	petrel_netdev_mac(dev, mac);
	printf("netdev: mac %02x:%02x:%02x:%02x:%02x:%02x\n", mac[0], mac[1],
	       mac[2], mac[3], mac[4], mac[5]);
	printf("netdev: features csum=%d csum-ipv6=%d sg=%d gso-tcpv4=%d "
	       "gso-tcpv6=%d max-frame=%ld\n",
	       !!(f & PETREL_NETDEV_F_CSUM), !!(f & PETREL_NETDEV_F_CSUM_IPV6),
	       !!(f & PETREL_NETDEV_F_SG), !!(f & PETREL_NETDEV_F_GSO_TCPV4),
	       !!(f & PETREL_NETDEV_F_GSO_TCPV6), petrel_netdev_max_frame(dev));
	fflush(stdout);
}

/* Echo until the stop frame; returns how many sends failed. */
static int echo(int dev, unsigned long *echoed, unsigned long *biggest)
{
	int failures = 0;

	for (;;) {
		struct petrel_netdev_meta meta;
		long len = petrel_netdev_recvm(dev, frame, sizeof(frame),
					       IDLE_LIMIT_MS, &meta);
		int rc;

		if (len < 0 || len > (long)sizeof(frame)) {
			printf("netdev: recv: %ld\n", len);
			return failures + 1;
		}
		if (is_stop(frame, len))
			return failures;
		swap_addresses(frame);
		/* A blank checksum stays blank and a GSO segment stays
		 * whole: the next hop fills or cuts them. */
		rc = petrel_netdev_sendm(dev, frame, (size_t)len, &meta);
		if (rc < 0 && failures++ < 5)
			printf("netdev: send of %ld bytes: %d\n", len, rc);
		if (!rc)
			++*echoed;
		if (!rc && (unsigned long)len > *biggest)
			*biggest = (unsigned long)len;
	}
}

int main(void)
{
	struct petrel_netdev_stats s;
	unsigned long echoed = 0, biggest = 0;
	int dev = petrel_netdev_open(0), failures, rc;

	printf("netdev: open: %d\n", dev < 0 ? dev : 0);
	if (dev < 0)
		return 1;
	printf("netdev: open of a second vif: %d, again: %d\n",
	       petrel_netdev_open(1), petrel_netdev_open(0));
	print_identity(dev);
	failures = echo(dev, &echoed, &biggest);
	printf("netdev: echoed %lu frames, largest %lu bytes, %d failures\n",
	       echoed, biggest, failures);
	petrel_netdev_stats(dev, &s);
	printf("netdev: rx %llu frames %llu bytes, %llu dropped, %llu bad "
	       "responses; tx %llu frames, %llu errors, %llu bad responses\n",
	       (unsigned long long)s.rx_packets, (unsigned long long)s.rx_bytes,
	       (unsigned long long)s.rx_dropped,
	       (unsigned long long)s.rx_bad_responses,
	       (unsigned long long)s.tx_packets,
	       (unsigned long long)s.tx_errors,
	       (unsigned long long)s.tx_bad_responses);
	printf("netdev: rx csum-blank %llu, csum-valid %llu, gso %llu\n",
	       (unsigned long long)s.rx_csum_blank,
	       (unsigned long long)s.rx_csum_valid,
	       (unsigned long long)s.rx_gso);
	printf("netdev: copies: driver %llu, queue %llu; queue dropped %llu\n",
	       (unsigned long long)s.driver_copies,
	       (unsigned long long)s.queue_copies,
	       (unsigned long long)s.queue_dropped);
	rc = petrel_netdev_close(dev);
	printf("netdev: close: %d\n", rc);
	return failures || rc || s.rx_bad_responses || s.tx_bad_responses;
}
