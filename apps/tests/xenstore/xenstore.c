/*
 * Conformance test for the xenstore client: write/read round trip,
 * directory listing, rm, a committed transaction, strict numeric parse
 * rejecting junk, and a watch fired by dom0 (the test's dom0 script
 * writes data/xs-test/from-dom0 once data/xs-test/ready exists).
 */
#include <petrel/petrel.h>
#include <petrel/thread.h>
#include <petrel/xenstore.h>

#define WAIT_NS (60ULL * 1000 * 1000 * 1000)

static volatile int watch_value_ok;

static int fail(const char *what, int rc)
{
	petrel_printf("xenstore: FAILED %s (%d)\n", what, rc);
	return 1;
}

static void on_poke(const char *changed_path, void *arg)
{
	char value[32];

	(void)arg;
	if (petrel_xenstore_read("data/xs-test/from-dom0", value,
				 sizeof(value)) < 0)
		return; /* the initial event fires before dom0 writes */
	petrel_printf("xenstore: watch fired on %s, value %s\n", changed_path,
		      value);
	if (value[0] == 'p' && value[1] == 'i' && value[2] == 'n' &&
	    value[3] == 'g' && !value[4])
		watch_value_ok = 1;
}

static int write_answer(unsigned int tx, void *arg)
{
	(void)arg;
	return petrel_xenstore_write_tx(tx, "data/xs-test/tx", "42");
}

static int basic_ops(void)
{
	char buf[256];
	unsigned long n;
	int rc;

	rc = petrel_xenstore_write("data/xs-test/greeting", "hello");
	if (rc < 0)
		return fail("write", rc);
	rc = petrel_xenstore_read("data/xs-test/greeting", buf, sizeof(buf));
	if (rc != 5 || buf[0] != 'h' || buf[4] != 'o')
		return fail("read back", rc);
	rc = petrel_xenstore_list("data/xs-test", buf, sizeof(buf));
	if (rc < 0 || !petrel_xenstore_list_has(buf, rc, "greeting"))
		return fail("directory", rc);
	rc = petrel_xenstore_rm("data/xs-test/greeting");
	if (rc < 0)
		return fail("rm", rc);
	rc = petrel_xenstore_read("data/xs-test/greeting", buf, sizeof(buf));
	if (rc != -2) /* ENOENT */
		return fail("read after rm", rc);
	rc = petrel_xenstore_transact(write_answer, NULL);
	if (rc < 0)
		return fail("transaction", rc);
	rc = petrel_xenstore_read_ulong("data/xs-test/tx", 100, &n);
	if (rc < 0 || n != 42)
		return fail("read_ulong", rc);
	petrel_xenstore_write("data/xs-test/junk", "12x");
	rc = petrel_xenstore_read_ulong("data/xs-test/junk", 100, &n);
	if (rc != -22) /* EINVAL */
		return fail("junk number accepted", rc);
	petrel_printf("xenstore: basic operations ok\n");
	return 0;
}

int main(void)
{
	uint64_t deadline;
	int rc;

	if (basic_ops())
		return 1;
	rc = petrel_xenstore_watch("data/xs-test/from-dom0", on_poke, NULL);
	if (rc < 0)
		return fail("watch", rc);
	petrel_xenstore_write("data/xs-test/ready", "1");
	petrel_printf("xenstore: waiting for dom0\n");
	deadline = petrel_monotonic_ns() + WAIT_NS;
	while (!watch_value_ok && petrel_monotonic_ns() < deadline)
		petrel_sleep_ns(10 * 1000 * 1000);
	if (!watch_value_ok)
		return fail("no watch event from dom0", -110);
	petrel_printf("xenstore: watch round trip ok\n");
	return 0;
}
