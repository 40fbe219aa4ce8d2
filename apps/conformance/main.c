/*
 * The hypervisor ABI conformance suite: one image, one test per
 * instance (petrel test boots it once per test, with the instance name
 * as its argument). Each *.c here registers its tests with PETREL_TEST.
 */
#include <petrel/test.h>

int main(int argc, char **argv)
{
	return petrel_test_main(argc, argv);
}
