/*
 * The CPU's random-number and cycle-counter instructions, for the
 * kernel's entropy source: RDSEED (a conditioned entropy source) and
 * RDRAND (a DRBG reseeded from it) when CPUID offers them, and the TSC.
 * Both RNG instructions may fail transiently (carry clear): callers retry.
 */
#ifndef ARCH_RANDOM_H
#define ARCH_RANDOM_H

#include <stdbool.h>
#include <stdint.h>

static inline void arch_cpuid(uint32_t leaf, uint32_t sub, uint32_t regs[4])
{
	asm volatile("cpuid"
		     : "=a"(regs[0]), "=b"(regs[1]), "=c"(regs[2]),
		       "=d"(regs[3])
		     : "a"(leaf), "c"(sub));
}

static inline bool arch_has_rdrand(void)
{
	uint32_t r[4];

	arch_cpuid(1, 0, r);
	return r[2] & (1u << 30);
}

static inline bool arch_has_rdseed(void)
{
	uint32_t r[4];

	arch_cpuid(0, 0, r);
	if (r[0] < 7)
		return false;
	arch_cpuid(7, 0, r);
	return r[1] & (1u << 18);
}

static inline bool arch_rdrand64(uint64_t *out)
{
	bool ok;

	asm volatile("rdrand %0" : "=r"(*out), "=@ccc"(ok));
	return ok;
}

static inline bool arch_rdseed64(uint64_t *out)
{
	bool ok;

	asm volatile("rdseed %0" : "=r"(*out), "=@ccc"(ok));
	return ok;
}

static inline uint64_t arch_rdtsc(void)
{
	uint32_t lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

#endif
