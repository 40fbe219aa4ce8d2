/* Test app: main returns 3, which the runner must report as its exit status. */
#include <petrel/petrel.h>

int main(void)
{
	petrel_printf("exit3: returning 3\n");
	return 3;
}
