/* hello: the smallest Petrel app. Greets, shows argv and memory, exits 0. */
#include <petrel/petrel.h>

int main(int argc, char **argv)
{
	petrel_printf("Hello from Petrel\n");
	petrel_printf("argv:");
	for (int i = 1; i < argc; i++)
		petrel_printf(" %s", argv[i]);
	petrel_printf("\n");
	petrel_printf("argv[0]: %s\n", argv[0]);
	petrel_printf("memory: %lu KiB\n", petrel_memory_bytes() >> 10);
	return 0;
}
