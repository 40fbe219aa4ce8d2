/*
 * Unit tests for kernel/drivers/netfront_tx.c and netfront_mac.c: tx
 * responses from a hostile backend (unknown, duplicate and out-of-range
 * ids free nothing; NULL answers to extras are skipped), the copy of a
 * frame into slot pages (contents, count of copies), the frame checks
 * against the negotiated features, and MAC parsing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kernel/drivers/netfront_mac.h"
#include "kernel/drivers/netfront_tx.h"
#include "kernel/lib/errno.h"

static union netfront_tx_raw tx_rsp(int id, int status)
{
	union netfront_tx_raw s = { .raw = 0 };

	s.rsp.id = (uint16_t)id;
	s.rsp.status = (int16_t)status;
	return s;
}

static void tx_responses(void **state)
{
	struct netfront_tx_ids ids;
	int a, b;

	(void)state;
	netfront_tx_ids_init(&ids);
	a = netfront_tx_ids_get(&ids);
	b = netfront_tx_ids_get(&ids);
	assert_true(a >= 0 && b >= 0 && a != b);
	assert_int_equal(ids.nr_free, NETFRONT_RING_SIZE - 2);
	assert_int_equal(netfront_tx_complete(&ids, tx_rsp(a, NETIF_RSP_NULL)),
			 NETFRONT_TX_NULL);
	assert_int_equal(netfront_tx_complete(&ids, tx_rsp(NETFRONT_RING_SIZE,
							   NETIF_RSP_OKAY)),
			 NETFRONT_TX_BAD);
	assert_int_equal(netfront_tx_complete(&ids, tx_rsp(0xffff, 0)),
			 NETFRONT_TX_BAD);
	assert_int_equal(ids.nr_free, NETFRONT_RING_SIZE - 2);
	assert_int_equal(netfront_tx_complete(&ids, tx_rsp(a, NETIF_RSP_OKAY)),
			 NETFRONT_TX_SENT);
	/* Twice: the slot is no longer in flight. */
	assert_int_equal(netfront_tx_complete(&ids, tx_rsp(a, NETIF_RSP_OKAY)),
			 NETFRONT_TX_BAD);
	assert_int_equal(netfront_tx_complete(&ids,
					      tx_rsp(b, NETIF_RSP_DROPPED)),
			 NETFRONT_TX_FAILED);
	assert_int_equal(ids.nr_free, NETFRONT_RING_SIZE);
	/* Every slot can be taken once, then none. */
	for (unsigned int i = 0; i < NETFRONT_RING_SIZE; i++)
		assert_true(netfront_tx_ids_get(&ids) >= 0);
	assert_int_equal(netfront_tx_ids_get(&ids), -1);
}

static void gather_across_pages(void **state)
{
	static char pages[3][NETFRONT_PAGE_SIZE];
	void *const p[3] = { pages[0], pages[1], pages[2] };
	static char a[5000], b[3000];
	struct netfront_frag frags[2] = { { a, sizeof(a) }, { b, sizeof(b) } };
	uint64_t copies = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(a); i++)
		a[i] = (char)(i * 7);
	for (size_t i = 0; i < sizeof(b); i++)
		b[i] = (char)(i * 13 + 1);
	assert_int_equal(netfront_tx_slots(8000), 2);
	assert_int_equal(netfront_tx_slots(8192), 2);
	assert_int_equal(netfront_tx_slots(8193), 3);
	assert_int_equal(netfront_tx_gather(p, frags, 2, &copies), 8000);
	/* a: page 0 whole, 904 bytes of page 1; b: the rest of page 1. */
	assert_int_equal(copies, 3);
	assert_memory_equal(pages[0], a, NETFRONT_PAGE_SIZE);
	assert_memory_equal(pages[1], a + NETFRONT_PAGE_SIZE, 904);
	assert_memory_equal(pages[1] + 904, b, 3000);
}

static uint8_t eth[9014];

static struct netfront_tx_packet packet(size_t len, unsigned int flags,
					enum netfront_gso gso,
					struct netfront_frag *frag)
{
	frag->data = eth;
	frag->len = len;
	return (struct netfront_tx_packet){ .frags = frag,
					    .nr_frags = 1,
					    .flags = flags,
					    .gso_type = gso,
					    .gso_size = 1448 };
}

static int check(size_t len, unsigned int flags, enum netfront_gso gso,
		 unsigned int features)
{
	struct netfront_frag f;
	struct netfront_tx_packet p = packet(len, flags, gso, &f);

	return netfront_tx_check(&p, len, features, 1514);
}

static void tx_checks(void **state)
{
	const unsigned int all = NETFRONT_F_CSUM | NETFRONT_F_CSUM_IPV6 |
				 NETFRONT_F_SG | NETFRONT_F_GSO_TCPV4 |
				 NETFRONT_F_GSO_TCPV6;

	(void)state;
	memset(eth, 0, sizeof(eth));
	eth[12] = 0x08;
	assert_int_equal(check(1514, 0, NETFRONT_GSO_NONE, 0), 0);
	assert_int_equal(check(1515, 0, NETFRONT_GSO_NONE, 0), -EINVAL);
	assert_int_equal(check(13, 0, NETFRONT_GSO_NONE, all), -EINVAL);
	assert_int_equal(check(9014, 0, NETFRONT_GSO_NONE, NETFRONT_F_SG), 0);
	assert_int_equal(check(65536, 0, NETFRONT_GSO_NONE, all), -EINVAL);
	assert_int_equal(check(100, NETFRONT_PKT_CSUM_BLANK, NETFRONT_GSO_NONE,
			       0),
			 -EINVAL);
	assert_int_equal(check(100, NETFRONT_PKT_CSUM_BLANK, NETFRONT_GSO_NONE,
			       NETFRONT_F_CSUM),
			 0);
	/* GSO needs its feature, and a blank checksum. */
	assert_int_equal(check(9000, NETFRONT_PKT_CSUM_BLANK,
			       NETFRONT_GSO_TCPV4, all & ~NETFRONT_F_GSO_TCPV4),
			 -EINVAL);
	assert_int_equal(check(9000, 0, NETFRONT_GSO_TCPV4, all), -EINVAL);
	assert_int_equal(check(9000, NETFRONT_PKT_CSUM_BLANK,
			       NETFRONT_GSO_TCPV4, all),
			 0);
	/* IPv6 blank checksums need their own feature. */
	eth[12] = 0x86;
	eth[13] = 0xdd;
	assert_int_equal(check(100, NETFRONT_PKT_CSUM_BLANK, NETFRONT_GSO_NONE,
			       NETFRONT_F_CSUM),
			 -EINVAL);
	assert_int_equal(check(100, NETFRONT_PKT_CSUM_BLANK, NETFRONT_GSO_NONE,
			       NETFRONT_F_CSUM_IPV6),
			 0);
}

static void mac_parsing(void **state)
{
	uint8_t mac[NETFRONT_ETH_ALEN] = { 9, 9, 9, 9, 9, 9 };
	const uint8_t want[NETFRONT_ETH_ALEN] = { 0x00, 0x16, 0x3e,
						  0xab, 0xcd, 0xef };
	const char *const bad[] = {
		"",
		"00:16:3e:ab:cd",
		"00:16:3e:ab:cd:ef:",
		"00:16:3e:ab:cd:e",
		"00-16-3e-ab-cd-ef",
		"0:16:3e:ab:cd:ef0",
		"00:16:3e:ab:cd:eg",
		"01:16:3e:ab:cd:ef", /* multicast */
		"00:00:00:00:00:00",
		"ff:ff:ff:ff:ff:ff",
		" 00:16:3e:ab:cd:ef",
	};

	(void)state;
	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(netfront_parse_mac(bad[i], mac), -EINVAL);
		assert_int_equal(mac[0], 9);
	}
	assert_int_equal(netfront_parse_mac("00:16:3E:ab:CD:ef", mac), 0);
	assert_memory_equal(mac, want, sizeof(want));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tx_responses),
		cmocka_unit_test(gather_across_pages),
		cmocka_unit_test(tx_checks),
		cmocka_unit_test(mac_parsing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
