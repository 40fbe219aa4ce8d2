/*
 * The entropy source behind getentropy(). Each 64-bit output word takes
 * a hardware random word (RDSEED, falling back to RDRAND, each retried a
 * few times as Intel advises) and the TSC and system time of the moment,
 * folded into a running state through a 64-bit finalizer, so the output
 * is never worse than the best of its inputs and never repeats a state.
 */
#include <stdbool.h>
#include <stdint.h>
#include "arch/random.h"
#include "kernel/entropy.h"
#include "kernel/lib/string.h"
#include "kernel/printk.h"
#include "kernel/time.h"

#define HW_RETRIES 10

enum hw_source { HW_UNKNOWN, HW_NONE, HW_RDRAND, HW_RDSEED };

static enum hw_source source = HW_UNKNOWN;
static uint64_t state;

static enum hw_source probe(void)
{
	if (arch_has_rdseed())
		return HW_RDSEED;
	if (arch_has_rdrand())
		return HW_RDRAND;
	printk("petrel: no RDSEED/RDRAND: getentropy draws on timing only\n");
	return HW_NONE;
}

static bool hw_word(uint64_t *out)
{
	for (int i = 0; i < HW_RETRIES; i++) {
		if (source == HW_RDSEED && arch_rdseed64(out))
			return true;
		if (source != HW_NONE && arch_rdrand64(out))
			return true;
	}
	return false;
}

/* Murmur3's 64-bit finalizer: every input bit affects every output bit. */
static uint64_t mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

static uint64_t next_word(void)
{
	uint64_t hw = 0;

	hw_word(&hw);
	/* The odd constant steps the state, so it never repeats even when
	 * the other inputs do. */
	state += 0x9e3779b97f4a7c15ULL;
	state = mix64(state ^ hw) ^
		mix64(arch_rdtsc() ^ (monotonic_ns() << 17));
	return mix64(state) ^ hw;
}

void entropy_fill(void *buf, size_t len)
{
	unsigned char *out = buf;

	if (source == HW_UNKNOWN)
		source = probe();
	while (len) {
		uint64_t word = next_word();
		size_t n = len < sizeof(word) ? len : sizeof(word);

		memcpy(out, &word, n);
		out += n;
		len -= n;
	}
}
