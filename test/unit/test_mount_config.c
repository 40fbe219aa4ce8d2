/*
 * Unit tests for lib/libc/mount_config.c: PETREL_MOUNT's
 * DEVICE:PATH[:ro] entries, and malformed values, which are refused
 * with the entry's number and a reason.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lib/libc/mount_config.h"

static void good(void **state)
{
	struct mount_spec m[MOUNT_CONFIG_MAX];
	struct mount_config_error err = { 0 };

	(void)state;
	assert_int_equal(mount_config_parse(
				 "xvdb:/data,xvdc:/srv:ro,xvdd:/x:rw", m, &err),
			 3);
	assert_string_equal(m[0].dev, "xvdb");
	assert_string_equal(m[0].path, "/data");
	assert_int_equal(m[0].read_only, 0);
	assert_string_equal(m[1].dev, "xvdc");
	assert_string_equal(m[1].path, "/srv");
	assert_int_equal(m[1].read_only, 1);
	assert_int_equal(m[2].read_only, 0);
	assert_int_equal(mount_config_parse("", m, &err), 0);
}

static void bad(const char *text, int entry, const char *why)
{
	struct mount_spec m[MOUNT_CONFIG_MAX];
	struct mount_config_error err = { 0 };

	assert_int_equal(mount_config_parse(text, m, &err), -EINVAL);
	assert_int_equal(err.entry, entry);
	assert_string_equal(err.why, why);
}

static void malformed(void **state)
{
	(void)state;
	bad("xvdb", 1, "no mount point: want DEVICE:PATH[:ro]");
	bad("xvdb:", 1, "the mount point is not an absolute path");
	bad("xvdb:data", 1, "the mount point is not an absolute path");
	bad(":/data", 1, "the device name is empty or too long");
	bad("xvdb:/a,", 2, "an empty entry");
	bad(",xvdb:/a", 1, "an empty entry");
	bad("xvdb:/a,,xvdc:/b", 2, "an empty entry");
	bad("xvdb:/a:rx", 1,
	    "the option after the mount point is not ro or rw");
	bad("xvdb:/a:ro:x", 1,
	    "the option after the mount point is not ro or rw");
	bad("/dev/xvdb:/a", 1, "the device name is not like xvdb");
	bad("XVDB:/a", 1, "the device name is not like xvdb");
	bad("xvdbxvdbxvdbxvdb:/a", 1, "the device name is empty or too long");
	bad("a:/1,b:/2,c:/3,d:/4,e:/5,f:/6,g:/7,h:/8,i:/9", 9,
	    "too many mounts");
}

static void long_path(void **state)
{
	char text[MOUNT_PATH_MAX + 16] = "xvdb:/";

	(void)state;
	memset(text + 6, 'p', MOUNT_PATH_MAX);
	text[6 + MOUNT_PATH_MAX] = 0;
	bad(text, 1, "the mount point is too long");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good),
		cmocka_unit_test(malformed),
		cmocka_unit_test(long_path),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
