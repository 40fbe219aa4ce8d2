/* cmake-hello: a Petrel app built with CMake (see CMakeLists.txt), linking
 * libm by name: sin of a value known only at run time comes from it. */
#include <math.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	volatile double half = 0.5;

	printf("Hello from CMake on Petrel\n");
	printf("argc: %d (argv[0]: %s)\n", argc, argv[0]);
	printf("sin(0.5) = %.9f\n", sin(half));
	return 0;
}
