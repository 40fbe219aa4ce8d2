/*
 * crc32c.c: CRC-32C (Castagnoli polynomial, reflected), one table lookup per byte. Portable C,
 * so the record codec stays pure and builds the same natively, in the guest and in unit tests.
 */
#include "crc32c.h"

/* The reflected Castagnoli polynomial 0x1edc6f41. */
#define CRC32C_POLY 0x82f63b78u

static uint32_t table[256];
static int table_ready;

static void make_table(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;

		for (int bit = 0; bit < 8; bit++)
			c = c & 1 ? (c >> 1) ^ CRC32C_POLY : c >> 1;
		table[i] = c;
	}
	table_ready = 1;
}

uint32_t crc32c(uint32_t crc, const void *data, size_t len)
{
	const unsigned char *p = data;

	if (!table_ready)
		make_table();
	crc = ~crc;
	while (len--)
		crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}
