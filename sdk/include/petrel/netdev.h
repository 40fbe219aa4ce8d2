/*
 * Raw Ethernet frames on the domain's vifs, for apps that are network
 * functions (bridges, filters, echo servers) and want no IP stack.
 * Frames are whole Ethernet frames without the FCS. A vif opened here
 * belongs to the app: do not also use it through sockets. Errors are
 * negative errno values.
 */
#ifndef PETREL_NETDEV_H
#define PETREL_NETDEV_H

#include <stddef.h>
#include <stdint.h>

/* What the backend agreed to (petrel_netdev_features()). */
#define PETREL_NETDEV_F_CSUM 0x1 /* IPv4 L4 checksums may be left blank */
#define PETREL_NETDEV_F_SG 0x2 /* frames larger than a page */
#define PETREL_NETDEV_F_GSO_TCPV4 0x4
#define PETREL_NETDEV_F_GSO_TCPV6 0x8
#define PETREL_NETDEV_F_CSUM_IPV6 0x10

/*
 * What a frame carries besides its bytes (petrel_netdev_sendm/recvm).
 * PKT_CSUM_BLANK: the TCP/UDP checksum field holds only the IP
 * pseudo-header sum (folded, not inverted), to be completed by whoever
 * sends it on; on send it needs PETREL_NETDEV_F_CSUM (IPv4) or
 * F_CSUM_IPV6. PKT_CSUM_VALID: the checksum was checked (or the frame
 * came from a local domain). gso_type: the frame is one TCP segment
 * larger than the MTU, to be cut into gso_size (MSS) pieces on the way
 * out; on send it needs the F_GSO_* feature and PKT_CSUM_BLANK.
 */
#define PETREL_NETDEV_PKT_CSUM_BLANK 0x1
#define PETREL_NETDEV_PKT_CSUM_VALID 0x2
#define PETREL_NETDEV_GSO_NONE 0
#define PETREL_NETDEV_GSO_TCPV4 1
#define PETREL_NETDEV_GSO_TCPV6 2

struct petrel_netdev_meta {
	unsigned int flags; /* PETREL_NETDEV_PKT_* */
	unsigned int gso_type; /* PETREL_NETDEV_GSO_* */
	unsigned int gso_size;
};

/* petrel_netdev_recv's timeout: wait as long as it takes. */
#define PETREL_NETDEV_FOREVER 0xffffffffu

/*
 * Connect vif number index (0-based, in device-id order) and start
 * queueing the frames it receives. Returns a device number for the
 * calls below, -ENODEV if there is no such vif, -EBUSY if open.
 */
int petrel_netdev_open(unsigned int index);
int petrel_netdev_close(int dev);

int petrel_netdev_mac(int dev, uint8_t mac[6]);
/* PETREL_NETDEV_F_* bits, or a negative errno. */
int petrel_netdev_features(int dev);
/* The largest frame the link takes without offloads (MTU + 14). */
long petrel_netdev_max_frame(int dev);

/*
 * Send one frame (copied: the buffer is free again on return). Frames
 * larger than a page need PETREL_NETDEV_F_SG. -ENOBUFS when the ring
 * stays full, -EINVAL for a frame the backend cannot take.
 */
int petrel_netdev_send(int dev, const void *frame, size_t len);
/* As petrel_netdev_send, with offloads (meta may be NULL). */
int petrel_netdev_sendm(int dev, const void *frame, size_t len,
			const struct petrel_netdev_meta *meta);

/*
 * Take the oldest received frame, waiting up to timeout_ms (0: do not
 * wait). Copies at most size bytes and returns the frame's full length
 * (larger than size: the rest was cut off), or -ETIMEDOUT.
 */
long petrel_netdev_recv(int dev, void *buf, size_t size,
			unsigned int timeout_ms);
/* As petrel_netdev_recv, also saying what the frame carries. */
long petrel_netdev_recvm(int dev, void *buf, size_t size,
			 unsigned int timeout_ms,
			 struct petrel_netdev_meta *meta);

struct petrel_netdev_stats {
	uint64_t rx_packets, rx_bytes, rx_dropped, rx_bad_responses;
	uint64_t tx_packets, tx_bytes, tx_errors, tx_bad_responses;
	uint64_t driver_copies; /* memcpy calls in the driver (tx) */
	uint64_t queue_copies; /* memcpy calls of the rx queue here */
	uint64_t queue_dropped; /* frames dropped: the app did not keep up */
	uint64_t rx_csum_blank, rx_csum_valid, rx_gso; /* frames so marked */
};
int petrel_netdev_stats(int dev, struct petrel_netdev_stats *out);

#endif
