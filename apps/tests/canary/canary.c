/*
 * The stack protector's canary is drawn at each boot: this prints a
 * fingerprint of it (a hash, not the value) for the suite to compare
 * across two boots, and checks it is not a value an attacker would
 * guess first (zero, or a constant the compiler knows).
 */
#include <stdint.h>
#include <stdio.h>

extern uintptr_t __stack_chk_guard;

static uint64_t fingerprint(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return x & 0xffffffffULL;
}

int main(void)
{
	uint64_t canary = __stack_chk_guard;

	if (canary == 0 || canary == ~0ULL) {
		printf("canary: a guessable value\n");
		return 1;
	}
	printf("canary: fingerprint %08llx\n",
	       (unsigned long long)fingerprint(canary));
	return 0;
}
