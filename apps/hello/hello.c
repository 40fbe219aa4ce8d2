/* hello: the smallest Petrel app. Greets, shows argv and memory, exits 0. */
#include <stdio.h>
#include <petrel/petrel.h>

int main(int argc, char **argv)
{
	printf("Hello from Petrel\n");
	printf("argv:");
	for (int i = 1; i < argc; i++)
		printf(" %s", argv[i]);
	printf("\n");
	printf("argv[0]: %s\n", argv[0]);
	printf("memory: %lu KiB\n", petrel_memory_bytes() >> 10);
	return 0;
}
