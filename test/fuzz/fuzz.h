/*
 * What every harness shares: a cursor that takes bytes off the fuzzer's
 * input (zeros once it runs out, so every input is a complete script),
 * and an invariant check that makes libFuzzer record the input.
 */
#ifndef TEST_FUZZ_FUZZ_H
#define TEST_FUZZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An invariant of the code under test: abort (a finding) if it fails. */
#define FUZZ_CHECK(cond)                                                 \
	do {                                                             \
		if (!(cond)) {                                           \
			fprintf(stderr, "%s:%d: invariant failed: %s\n", \
				__FILE__, __LINE__, #cond);              \
			abort();                                         \
		}                                                        \
	} while (0)

/* A harness's own checking, left out of libFuzzer's coverage tracing
 * (which costs more than the check in a loop over a ring's slots). */
#define FUZZ_NO_COVERAGE __attribute__((no_sanitize("coverage"), noinline))

struct fuzz_input {
	const uint8_t *data;
	size_t left;
};

static inline int fuzz_done(const struct fuzz_input *in)
{
	return in->left == 0;
}

/* n bytes into out, zero-filled past the end of the input. */
static inline void fuzz_take(struct fuzz_input *in, void *out, size_t n)
{
	size_t got = n < in->left ? n : in->left;

	memcpy(out, in->data, got);
	memset((uint8_t *)out + got, 0, n - got);
	in->data += got;
	in->left -= got;
}

static inline uint8_t fuzz_u8(struct fuzz_input *in)
{
	uint8_t v;

	fuzz_take(in, &v, sizeof(v));
	return v;
}

static inline uint16_t fuzz_u16(struct fuzz_input *in)
{
	uint16_t v;

	fuzz_take(in, &v, sizeof(v));
	return v;
}

static inline uint32_t fuzz_u32(struct fuzz_input *in)
{
	uint32_t v;

	fuzz_take(in, &v, sizeof(v));
	return v;
}

static inline uint64_t fuzz_u64(struct fuzz_input *in)
{
	uint64_t v;

	fuzz_take(in, &v, sizeof(v));
	return v;
}

/* A copy of n input bytes in a heap block of exactly n bytes, so ASan
 * sees any read past them (a 1-byte block for n == 0). */
static inline void *fuzz_dup(const void *data, size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		abort();
	memcpy(p, data, n);
	return p;
}

#endif /* TEST_FUZZ_FUZZ_H */
