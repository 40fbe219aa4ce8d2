/*
 * console_io (hypercall 18): Petrel's emergency console (crash reports
 * when the ring cannot be used) writes through CONSOLEIO_write. Whether
 * a domU may use it is Xen's build choice (xsm_console_io: allowed in
 * debug builds, -EPERM in release builds without an XSM policy). Pins
 * both: where it is allowed, a good write is 0, a buffer Xen cannot read
 * -EFAULT and an unknown command -ENOSYS (xen/drivers/char/console.c);
 * where it is refused, every command, good or bad, is -EPERM, since the
 * permission check comes before Xen looks at the arguments. The
 * testbed's Xen is a release build (measured: -EPERM), so there Petrel's
 * emergency console output never reaches Xen's log.
 */
#include "conformance.h"

static const char line[] = "conformance: console_io write\n";

static long console_io(unsigned int cmd, unsigned long len, const void *buf)
{
	return HC3(__HYPERVISOR_console_io, cmd, len, buf);
}

PETREL_TEST(console_io, "console_io: write, bad pointer, bad command (or "
			"all -EPERM where Xen refuses a domU)")
{
	long rc = console_io(CONSOLEIO_write, sizeof(line) - 1, line);

	if (rc == -XEN_EPERM) {
		petrel_test_note("this Xen refuses console_io to a domU");
		PETREL_CHECK_EQ(console_io(CONSOLEIO_write, 16, BAD_POINTER),
				-XEN_EPERM);
		PETREL_CHECK_EQ(console_io(0x7fff, 0, 0), -XEN_EPERM);
		return;
	}
	PETREL_CHECK_EQ(rc, 0);
	PETREL_CHECK_EQ(console_io(CONSOLEIO_write, 16, BAD_POINTER),
			-XEN_EFAULT);
	PETREL_CHECK_EQ(console_io(0x7fff, 0, 0), -XEN_ENOSYS);
}
