/*
 * Test app: prints argc and each argv entry in brackets, so the runner
 * can check that quoted, empty and special-character arguments arrive
 * exactly as given on the host.
 */
#include <petrel/petrel.h>

int main(int argc, char **argv)
{
	petrel_printf("argc=%d\n", argc);
	for (int i = 0; i < argc; i++)
		petrel_printf("argv[%d]=[%s]\n", i, argv[i]);
	return 0;
}
