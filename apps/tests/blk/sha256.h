/*
 * SHA-256 (FIPS 180-4), streaming, for the disk tests to report what
 * they read so the host can compare it with its file.
 */
#ifndef APPS_TESTS_BLK_SHA256_H
#define APPS_TESTS_BLK_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t h[8];
	uint64_t len; /* bytes so far */
	unsigned char block[64];
	size_t used;
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t len);
void sha256_final(struct sha256 *s, unsigned char out[32]);

#endif
