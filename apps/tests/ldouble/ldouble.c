/*
 * long double (x87 80-bit) through printf and scanf at full precision,
 * printed so that the output can be compared line for line with the same
 * program built for the host with gcc and glibc (test/integration/suite.py
 * does that). Also doubles printed to more digits than a long double
 * conversion keeps, which must stay exact.
 *
 * Every line starts with "ldouble: "; the last one is "ldouble: done".
 */
#include <float.h>
#include <stdio.h>
#include <stdlib.h>

/* volatile: computed at run time, by the x87, not folded by gcc. */
static volatile long double one = 1.0L, three = 3.0L, seven = 7.0L;

static void print_formats(void)
{
	long double third = one / three;

	printf("ldouble: %%.20Lg 1/3: %.20Lg\n", third);
	printf("ldouble: %%.25Le 2/3: %.25Le\n", 2 * third);
	printf("ldouble: %%Lf 1e20/7: %Lf\n", 1e20L * one / seven);
	printf("ldouble: %%.30Lg 1/7: %.30Lg\n", one / seven);
	printf("ldouble: %%Lg 1/3: %Lg\n", third);
	printf("ldouble: %%30.22LE: [%30.22LE]\n", -third);
	printf("ldouble: %%-+#14.3Lf: [%-+#14.3Lf]\n", seven / three);
	printf("ldouble: %%.0Lf 2.5 3.5: %.0Lf %.0Lf\n", 2.5L * one,
	       3.5L * one);
	printf("ldouble: 2^64: %.0Lf\n", 18446744073709551616.0L * one);
	printf("ldouble: 1 + eps: %.21Lg\n", one + LDBL_EPSILON);
}

static void print_limits(void)
{
	printf("ldouble: LDBL_MAX %.21Lg\n", LDBL_MAX);
	printf("ldouble: LDBL_MIN %.21Lg\n", LDBL_MIN);
	printf("ldouble: LDBL_EPSILON %.21Lg\n", LDBL_EPSILON);
	printf("ldouble: LDBL_TRUE_MIN %Lg\n", LDBL_TRUE_MIN);
	printf("ldouble: zero, -zero, inf, -inf, nan: %Lg %Lg %Lg %Lg %Lg\n",
	       0.0L, -0.0L, (long double)__builtin_infl(),
	       -(long double)__builtin_infl(), (long double)__builtin_nanl(""));
	printf("ldouble: %%LF %%LE inf: %LF %LE\n",
	       (long double)__builtin_infl(), (long double)__builtin_infl());
}

static void read_back(void)
{
	static const char pi[] = "3.14159265358979323846264338327950288";
	long double scanned = 0, parsed = strtold(pi, NULL);
	int n = sscanf(pi, "%Lf", &scanned);

	printf("ldouble: strtold pi %.21Lg\n", parsed);
	printf("ldouble: sscanf %%Lf %d pi %.21Lg\n", n, scanned);
	printf("ldouble: sscanf and strtold agree: %s\n",
	       scanned == parsed ? "yes" : "no");
}

/* Doubles are printed exactly to any precision. */
static void print_doubles(void)
{
	volatile double tenth = 0.1, big = 1e300;

	printf("ldouble: double %%.60f 0.1: %.60f\n", tenth);
	printf("ldouble: double %%.0f 1e300: %.0f\n", big);
	printf("ldouble: double %%.17g 0.1: %.17g\n", tenth);
}

int main(void)
{
	print_formats();
	print_limits();
	read_back();
	print_doubles();
	printf("ldouble: done\n");
	return 0;
}
