/*
 * int128: arithmetic that gcc leaves to libgcc (__int128 division and
 * remainder, complex multiply and divide) and to libm (sin, exp of values
 * known only at run time). test/integration/suite.py compares every line
 * with the same program built natively by the host's gcc. In an image
 * these helpers must come from the SDK's libgcc, built without the red
 * zone; the Makefile links this app with -lm, as users do.
 */
#include <complex.h>
#include <math.h>
#include <stdio.h>

/* Decimal digits of v, by the very division under test. */
static const char *u128_str(unsigned __int128 v, char *buf, size_t len)
{
	char *p = buf + len - 1;

	*p = '\0';
	do {
		*--p = (char)('0' + (int)(v % 10));
		v /= 10;
	} while (v != 0 && p > buf);
	return p;
}

static const char *s128_str(__int128 v, char *buf, size_t len)
{
	const char *digits;
	char *p;

	if (v >= 0)
		return u128_str((unsigned __int128)v, buf, len);
	digits = u128_str(-(unsigned __int128)v, buf + 1, len - 1);
	p = (char *)digits - 1;
	*p = '-';
	return p;
}

static void int128_division(void)
{
	volatile unsigned long long hi = 0x0123456789abcdefULL;
	volatile unsigned long long lo = 0xfedcba9876543210ULL;
	volatile long long divisor = -1234567890123LL;
	unsigned __int128 u = ((unsigned __int128)hi << 64) | lo;
	__int128 s = -(__int128)u;
	char a[48], b[48];

	printf("int128: u / 1000000007 = %s, u %% 1000000007 = %s\n",
	       u128_str(u / 1000000007u, a, sizeof(a)),
	       u128_str(u % 1000000007u, b, sizeof(b)));
	printf("int128: s / %lld = %s, s %% %lld = %s\n", divisor,
	       s128_str(s / divisor, a, sizeof(a)), divisor,
	       s128_str(s % divisor, b, sizeof(b)));
	printf("int128: u / (u >> 70) = %s\n",
	       u128_str(u / (u >> 70), a, sizeof(a)));
}

static void complex_arithmetic(void)
{
	volatile float fr = 1.5f, fi = -2.25f;
	volatile double dr = 3.0, di = 0.125;
	volatile long double lr = 2.0L, li = -7.0L;
	float complex f = fr + fi * I;
	double complex d = dr + di * I;
	long double complex l = lr + li * I;
	float complex fm = f * (fi + fr * I), fd = f / (fi + fr * I);
	double complex dm = d * (di - dr * I), dd = d / (di - dr * I);
	long double complex lm = l * (li + lr * I), ld = l / (li + lr * I);
	/* (inf + nan i) * (2 + i/8): the inline multiply gives nan + nan i;
	 * __muldc3 recovers the infinity (C11 Annex G). */
	volatile double inf = INFINITY;
	double complex big;
	double *parts = (double *)&big; /* C11: a complex is double[2] */

	parts[0] = inf;
	parts[1] = NAN;
	big *= (dr - 1.0) + di * I;
	printf("complex: float mul %.6g%+.6gi div %.6g%+.6gi\n", crealf(fm),
	       cimagf(fm), crealf(fd), cimagf(fd));
	printf("complex: double mul %.12g%+.12gi div %.12g%+.12gi\n", creal(dm),
	       cimag(dm), creal(dd), cimag(dd));
	printf("complex: long double mul %.12g%+.12gi div %.12g%+.12gi\n",
	       (double)creall(lm), (double)cimagl(lm), (double)creall(ld),
	       (double)cimagl(ld));
	printf("complex: (inf+nan i)*(2+i/8) is infinite: %d\n",
	       isinf(creal(big)) || isinf(cimag(big)));
}

static void runtime_math(void)
{
	volatile double half = 0.5, two = 2.0;

	printf("math: sin(0.5) = %.12f, exp(2) = %.12f, sqrt(2) = %.12f\n",
	       sin(half), exp(two), sqrt(two));
}

int main(void)
{
	int128_division();
	complex_arithmetic();
	runtime_math();
	printf("int128: done\n");
	return 0;
}
