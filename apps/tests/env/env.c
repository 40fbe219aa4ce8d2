/*
 * Test app: getenv sees the environment given in the domain config
 * ("NAME=value ... --" before the arguments), and argv keeps what
 * follows, even a literal "--".
 */
#include <stdio.h>
#include <stdlib.h>

static const char *show(const char *name)
{
	const char *v = getenv(name);

	return v ? v : "(unset)";
}

int main(int argc, char **argv)
{
	printf("env: GREETING=[%s] EMPTY=[%s] MISSING=[%s]\n",
	       show("GREETING"), show("EMPTY"), show("MISSING"));
	for (int i = 1; i < argc; i++)
		printf("env: argv[%d]=[%s]\n", i, argv[i]);
	return 0;
}
