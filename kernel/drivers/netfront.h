/*
 * Netfront: the frontend of a Xen virtual network interface (vif).
 * It owns the tx and rx rings, their granted pages and the event
 * channel of each vif, and moves whole Ethernet frames between them and
 * one network stack (net/). The backend's responses are untrusted:
 * each is copied out once and checked before anything uses it.
 */
#ifndef KERNEL_DRIVERS_NETFRONT_H
#define KERNEL_DRIVERS_NETFRONT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NETFRONT_ETH_ALEN 6
/* The largest frame either direction: a 64 KiB GSO packet plus headers. */
#define NETFRONT_MAX_FRAME (65536 + 14)

/* What the backend agreed to (netfront_features()). */
#define NETFRONT_F_CSUM (1u << 0) /* tx may leave L4 checksums blank */
#define NETFRONT_F_SG (1u << 1) /* tx frames may span several slots */
#define NETFRONT_F_GSO_TCPV4 (1u << 2) /* tx TCP/IPv4 segments > MTU */
#define NETFRONT_F_GSO_TCPV6 (1u << 3) /* tx TCP/IPv6 segments > MTU */
/* Added: IPv6 TCP/UDP checksums may be left blank too (NETFRONT_F_CSUM
 * covers IPv4 only, as netback's keys do). */
#define NETFRONT_F_CSUM_IPV6 (1u << 4)

/*
 * Per-packet flags, both directions.
 *
 * CSUM_BLANK means what it means to Linux's netback (CHECKSUM_PARTIAL):
 * the L4 (TCP/UDP) checksum field holds the checksum of the IPv4/IPv6
 * pseudo-header only (the one's-complement sum of addresses, protocol
 * and L4 length, folded to 16 bits and NOT inverted), and whoever
 * finishes it adds the sum of the L4 header and payload from the start
 * of the L4 header. On tx, netback (checksum_setup) recomputes that
 * pseudo-header sum itself only for a GSO frame sent without csum_blank;
 * for a csum_blank frame it trusts the field, so the caller must fill
 * it. On tx the driver sends NETTXF_csum_blank|NETTXF_data_validated.
 * On rx, a frame from another local domain (or dom0's stack) may arrive
 * so (NETRXF_csum_blank): it also carries CSUM_VALID, the data is sound,
 * and a stack that forwards it must complete the checksum first.
 * CSUM_VALID alone (NETRXF_data_validated) means the backend checked it.
 */
#define NETFRONT_PKT_CSUM_BLANK (1u << 0) /* L4 checksum not yet filled */
#define NETFRONT_PKT_CSUM_VALID (1u << 1) /* L4 checksum already verified */

enum netfront_gso {
	NETFRONT_GSO_NONE = 0,
	NETFRONT_GSO_TCPV4,
	NETFRONT_GSO_TCPV6,
};

struct netfront_frag {
	const void *data;
	size_t len;
};

/*
 * A received frame, as pieces of the driver's rx pages. It is valid
 * only during the rx callback: the pages go back to the backend after.
 *
 * The driver always tells netback feature-sg, feature-gso-tcpv4 and
 * feature-gso-tcpv6 = 1: on rx that means netback may hand us a TCP
 * segment it has not cut to the MTU (from dom0's stack or another
 * domain), up to 64 KiB in one frame over several pages, with gso_type
 * and gso_size (the MSS) set and CSUM_BLANK. The stack takes it as one
 * big TCP segment; it never needs cutting on the way in. It also says
 * feature-no-csum-offload = 0 and feature-ipv6-csum-offload = 1, so
 * frames may arrive CSUM_BLANK (see above).
 */
struct netfront_rx_packet {
	const struct netfront_frag *frags;
	unsigned int nr_frags;
	size_t len; /* sum of the frags */
	unsigned int flags; /* NETFRONT_PKT_* */
	enum netfront_gso gso_type; /* a coalesced TCP segment, or NONE */
	uint16_t gso_size; /* its MSS when gso_type is set */
};

/* A frame to send; the driver copies it, so the caller keeps ownership. */
struct netfront_tx_packet {
	const struct netfront_frag *frags;
	unsigned int nr_frags;
	unsigned int flags; /* NETFRONT_PKT_CSUM_BLANK needs NETFRONT_F_CSUM */
	enum netfront_gso gso_type; /* needs the matching NETFRONT_F_GSO_* */
	uint16_t gso_size; /* the MSS to cut the segment into */
};

struct netfront;

/*
 * Called in the vif's own rx thread, once per valid received frame, in
 * arrival order. It may sleep briefly (e.g. post to a mailbox).
 */
typedef void (*netfront_rx_fn)(void *arg, const struct netfront_rx_packet *pkt);

/* Find the domain's vifs (device/vif/N); returns how many there are. */
int netfront_init(void);

/*
 * Connect the index'th vif (0-based, in device-id order) and start
 * delivering its frames to rx. Sleeps until the backend is Connected
 * or the deadline (absolute monotonic ns) passes (-ETIMEDOUT).
 */
int netfront_open(unsigned int index, netfront_rx_fn rx, void *arg,
		  uint64_t deadline_ns, struct netfront **out);

enum netfront_event {
	/* Working again after a save/restore or migration, in a new
	 * domain: the stack announces its addresses, so that switches
	 * learn where the guest went. */
	NETFRONT_EV_MOVED,
	/* The toolstack took the vif away (xl network-detach): frames
	 * are refused with -ENOTCONN until it comes back. */
	NETFRONT_EV_UNPLUGGED,
	/* A vif of the same device id was plugged in and works, with the
	 * same offloads and MTU (else it is not used); its MAC may be new. */
	NETFRONT_EV_PLUGGED,
};

typedef void (*netfront_event_fn)(void *arg, enum netfront_event event);

/*
 * fn(arg, event) runs (arg is open's) on each of the events above, in
 * the resume thread (MOVED) or the vif's thread (the others).
 */
void netfront_on_event(struct netfront *nf, netfront_event_fn fn);

/*
 * Stop, end every grant, close the device. Pages are freed only once
 * their grant has ended (a page the backend still maps after 10 s is
 * kept, never reused). The vif cannot be opened again afterwards.
 */
int netfront_close(struct netfront *nf);

/*
 * Queue one frame. Copies it into granted tx pages; waits for ring
 * space up to a short bound, then -ENOBUFS. -EINVAL for a frame the
 * backend did not agree to (too large, or an offload it lacks): without
 * NETFRONT_F_SG at most netfront_max_frame() bytes in one page; with it
 * up to 65535 bytes (the ring's 16-bit size field), so also jumbo frames
 * and GSO segments. A GSO frame needs NETFRONT_PKT_CSUM_BLANK and a
 * non-zero gso_size. -ENOTCONN once the backend has gone.
 */
int netfront_xmit(struct netfront *nf, const struct netfront_tx_packet *pkt);

void netfront_mac(const struct netfront *nf, uint8_t mac[NETFRONT_ETH_ALEN]);
unsigned int netfront_features(const struct netfront *nf);
/* The frontend's xenstore directory, "device/vif/<id>" (for the ip key). */
const char *netfront_nodename(const struct netfront *nf);
/* The largest frame the backend takes without GSO (MTU + 14). */
size_t netfront_max_frame(const struct netfront *nf);

/* Counters for bench/ and tests. */
struct netfront_stats {
	uint64_t rx_packets, rx_bytes, rx_dropped, rx_bad_responses;
	uint64_t tx_packets, tx_bytes, tx_errors;
	uint64_t copies; /* memcpy calls the driver made */
	uint64_t tx_bad_responses; /* added: tx responses naming no slot */
};
void netfront_stats(const struct netfront *nf, struct netfront_stats *out);

#endif
