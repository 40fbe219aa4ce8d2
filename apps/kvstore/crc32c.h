/* crc32c.h: CRC-32C (Castagnoli), the checksum of kvstore's log records. */
#ifndef KVSTORE_CRC32C_H
#define KVSTORE_CRC32C_H

#include <stddef.h>
#include <stdint.h>

/*
 * The CRC-32C of len bytes, continuing from crc (0 to start): crc32c(crc32c(0, a), b) is the
 * CRC of a followed by b. crc32c(0, "123456789", 9) is 0xe3069283.
 */
uint32_t crc32c(uint32_t crc, const void *data, size_t len);

#endif
