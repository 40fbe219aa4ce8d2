/* cmake-hello: a Petrel app built with CMake (see CMakeLists.txt). */
#include <stdio.h>

int main(int argc, char **argv)
{
	printf("Hello from CMake on Petrel\n");
	printf("argc: %d (argv[0]: %s)\n", argc, argv[0]);
	return 0;
}
