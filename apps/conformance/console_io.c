/*
 * console_io (hypercall 18): Petrel's emergency console (crash reports
 * when the ring cannot be used) writes through CONSOLEIO_write. Pins:
 * a write of a good buffer succeeds; a buffer Xen cannot read is
 * -EFAULT; an unknown command is -ENOSYS (xen/drivers/char/console.c,
 * do_console_io). A domU may use it only when Xen allows it (a debug
 * build, or XSM): otherwise every call is -EPERM, and this test skips.
 */
#include "conformance.h"

static const char line[] = "conformance: console_io write\n";

PETREL_TEST(console_io, "console_io: write, bad pointer, bad command")
{
	long rc = HC3(__HYPERVISOR_console_io, CONSOLEIO_write,
		      sizeof(line) - 1, line);

	if (rc == -XEN_EPERM) {
		petrel_test_skip("this Xen refuses console_io to a domU "
				 "(release build without XSM consent)");
		return;
	}
	PETREL_CHECK_EQ(rc, 0);
	PETREL_CHECK_EQ(HC3(__HYPERVISOR_console_io, CONSOLEIO_write, 16,
			    BAD_POINTER),
			-XEN_EFAULT);
	PETREL_CHECK_EQ(HC3(__HYPERVISOR_console_io, 0x7fff, 0, 0),
			-XEN_ENOSYS);
}
