/*
 * lwIP 2.1.3 configuration for Petrel: threads (NO_SYS=0) with the core
 * lock, BSD sockets and netconns, IPv4 and IPv6 (SLAAC) at once, DHCP,
 * DNS, loopback, and TCP sized for throughput over netfront (window
 * scaling, large windows, checksum offload per netif). Memory comes
 * from newlib's malloc, so an idle stack holds almost nothing.
 */
#ifndef PETREL_LWIPOPTS_H
#define PETREL_LWIPOPTS_H

/* ---- system ---- */
#define NO_SYS 0
#define SYS_LIGHTWEIGHT_PROT 1
#define LWIP_TCPIP_CORE_LOCKING 1
#define LWIP_TCPIP_CORE_LOCKING_INPUT 0
#define LWIP_TCPIP_TIMEOUT 0
#define TCPIP_THREAD_NAME "tcpip"
#define TCPIP_THREAD_STACKSIZE (64 * 1024)
#define TCPIP_THREAD_PRIO 0
#define TCPIP_MBOX_SIZE 256
#define DEFAULT_THREAD_STACKSIZE (64 * 1024)
#define DEFAULT_RAW_RECVMBOX_SIZE 128
#define DEFAULT_UDP_RECVMBOX_SIZE 128
#define DEFAULT_TCP_RECVMBOX_SIZE 512
#define DEFAULT_ACCEPTMBOX_SIZE 128

/* ---- memory: everything from malloc, nothing reserved up front ---- */
#define MEM_LIBC_MALLOC 1
#define MEMP_MEM_MALLOC 1
#define MEM_ALIGNMENT 8
/* Pool sizes still bound some tables (e.g. the socket array). */
#define MEMP_NUM_NETCONN 256
#define MEMP_NUM_TCP_PCB 256
#define MEMP_NUM_TCP_PCB_LISTEN 32
#define MEMP_NUM_UDP_PCB 64
#define MEMP_NUM_RAW_PCB 16
#define MEMP_NUM_TCP_SEG 4096
#define MEMP_NUM_PBUF 1024
#define MEMP_NUM_NETBUF 256
#define MEMP_NUM_TCPIP_MSG_INPKT 1024
#define PBUF_POOL_SIZE 1024
#define PBUF_POOL_BUFSIZE 1536
#define MEMP_NUM_SYS_TIMEOUT (LWIP_NUM_SYS_TIMEOUT_INTERNAL + 8)

/* ---- protocols ---- */
#define LWIP_IPV4 1
#define LWIP_IPV6 1
#define LWIP_ARP 1
#define ETHARP_SUPPORT_STATIC_ENTRIES 0
#define LWIP_ETHERNET 1
#define LWIP_ICMP 1
#define LWIP_RAW 1
#define LWIP_UDP 1
#define LWIP_TCP 1
#define LWIP_IGMP 1
#define LWIP_DHCP 1
#define LWIP_DHCP_DOES_ACD_CHECK 0
#define DHCP_DOES_ARP_CHECK 0
#define LWIP_AUTOIP 0
#define LWIP_DNS 1
#define DNS_MAX_SERVERS 3
#define LWIP_DHCP_MAX_DNS_SERVERS DNS_MAX_SERVERS
#define IP_REASSEMBLY 1
#define IP_FRAG 1
#define IP_REASS_MAX_PBUFS 128

#define LWIP_IPV6_AUTOCONFIG 1
#define LWIP_IPV6_MLD 1
#define LWIP_ICMP6 1
#define LWIP_IPV6_SEND_ROUTER_SOLICIT 1
#define LWIP_IPV6_DUP_DETECT_ATTEMPTS 1
#define LWIP_IPV6_NUM_ADDRESSES 3
#define LWIP_IPV6_FRAG 1
#define LWIP_IPV6_REASS 1
/* Pointers are 8 bytes: the reassembly helper does not fit the header. */
#define IPV6_FRAG_COPYHEADER 1
#define LWIP_IPV6_DHCP6 0
#define LWIP_ND6_RDNSS_MAX_DNS_SERVERS 0
#define LWIP_IPV6_SCOPES 1

/* ---- netifs ---- */
#define LWIP_NETIF_LOOPBACK 1
#define LWIP_HAVE_LOOPIF 1
#define LWIP_LOOPBACK_MAX_PBUFS 0
#define LWIP_NETIF_EXT_STATUS_CALLBACK 1
#define LWIP_NETIF_LINK_CALLBACK 0
#define LWIP_NETIF_HOSTNAME 1
#define LWIP_NUM_NETIF_CLIENT_DATA 0
#define LWIP_CHECKSUM_CTRL_PER_NETIF 1
#define LWIP_CHECKSUM_ON_COPY 0
#define ETH_PAD_SIZE 0

/* ---- TCP, tuned for throughput ---- */
#define TCP_MSS 1460
#define LWIP_WND_SCALE 1
#define TCP_RCV_SCALE 4
#define TCP_WND (256 * 1024)
#define TCP_SND_BUF (256 * 1024)
#define TCP_SND_QUEUELEN (4 * TCP_SND_BUF / TCP_MSS)
/* lwIP checks it stays 4 MSS below 64 KiB. */
#define TCP_SNDLOWAT (32 * 1024)
#define TCP_SNDQUEUELOWAT (TCP_SND_QUEUELEN / 4)
#define TCP_OVERSIZE TCP_MSS
#define TCP_QUEUE_OOSEQ 1
#define TCP_OOSEQ_MAX_BYTES (512 * 1024)
#define TCP_LISTEN_BACKLOG 1
#define TCP_DEFAULT_LISTEN_BACKLOG 128
#define LWIP_TCP_SACK_OUT 0
#define LWIP_TCP_TIMESTAMPS 0
#define LWIP_TCP_KEEPALIVE 1
#define LWIP_TCP_MAX_SACK_NUM 4
#define TCP_CALCULATE_EFF_SEND_MSS 1

/* ---- APIs ---- */
#define LWIP_NETCONN 1
#define LWIP_SOCKET 1
#define LWIP_COMPAT_SOCKETS 0
#define LWIP_POSIX_SOCKETS_IO_NAMES 0
#define LWIP_SOCKET_OFFSET 0
#define LWIP_SOCKET_SELECT 0
#define LWIP_SOCKET_POLL 1
#define LWIP_SO_RCVTIMEO 1
#define LWIP_SO_SNDTIMEO 1
#define LWIP_SO_RCVBUF 1
#define RECV_BUFSIZE_DEFAULT (1024 * 1024)
#define LWIP_SO_LINGER 1
#define SO_REUSE 1
#define SO_REUSE_RXTOALL 1
#define LWIP_FIONREAD_LINUXMODE 1
#define LWIP_TIMEVAL_PRIVATE 0
#define LWIP_NETCONN_FULLDUPLEX 0
#define LWIP_NETIF_API 0
#define LWIP_STATS 0
#define LWIP_STATS_DISPLAY 0
/*
 * Debian's "port" patch makes sockets.c set and read sockaddr lengths
 * through these macros (its Hurd headers define them); with lwIP's own
 * sockets.h the structs carry sin_len/sin6_len/sa_len.
 */
#define IP4ADDR_SOCKADDR_SET_LEN(sin) \
	((sin)->sin_len = (u8_t)sizeof(struct sockaddr_in))
#define IP6ADDR_SOCKADDR_SET_LEN(sin6) \
	((sin6)->sin6_len = (u8_t)sizeof(struct sockaddr_in6))
#define IPADDR_SOCKADDR_GET_LEN(addr) ((socklen_t)(addr)->sa.sa_len)

/* ---- checksums: generated and checked unless a netif says otherwise ---- */
#define CHECKSUM_GEN_IP 1
#define CHECKSUM_GEN_UDP 1
#define CHECKSUM_GEN_TCP 1
#define CHECKSUM_GEN_ICMP 1
#define CHECKSUM_GEN_ICMP6 1
#define CHECKSUM_CHECK_IP 1
#define CHECKSUM_CHECK_UDP 1
#define CHECKSUM_CHECK_TCP 1
#define CHECKSUM_CHECK_ICMP 1
#define CHECKSUM_CHECK_ICMP6 1

/* ---- hooks into the port (net/) ---- */
#define LWIP_HOOK_FILENAME "net/lwip_hooks.h"
/* Wake poll/select sleepers when a socket's state changed (patch 0001). */
#define LWIP_HOOK_SOCKET_EVENT() fd_poll_wake()
/* TCP segmentation offload over netfront (patch 0002, net/vif_tso.c). */
#define LWIP_TCP_TSO 1
#define LWIP_HOOK_TCP_TSO_SEG_SIZE(pcb, mss) vif_tso_seg_size(pcb, mss)
#define LWIP_HOOK_TCP_TSO_TX_MSS(netif, mss) vif_tso_tx_mss(netif, mss)
/* ... and IP leaves such a segment whole (patch 0003). */
#define LWIP_HOOK_TCP_TSO_ACTIVE(netif) vif_tso_active(netif)
/* Say on the console why a close sent a RST (net/tcp_close_rst.c). */
#define LWIP_HOOK_TCP_CLOSE_RST(pcb) tcp_close_rst_log(pcb)

/* ---- debugging: off; LWIP_DEBUG turns on assertion messages ---- */
#define LWIP_DBG_TYPES_ON LWIP_DBG_OFF

#endif
