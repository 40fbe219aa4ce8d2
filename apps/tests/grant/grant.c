/*
 * Conformance test for grant tables. A page with a known text is
 * granted read-only to dom0, whose test script maps it with
 * /dev/xen/gntdev (petrel-gntmap) and prints what it sees. While dom0
 * holds the mapping, ending the grant must fail with -EBUSY; after dom0
 * unmaps it must succeed. Then 1500 more grants force the table to grow
 * past its first frames, and all of them end cleanly.
 */
#include <petrel/petrel.h>
#include <petrel/thread.h>
#include <petrel/xen.h>
#include <petrel/xenstore.h>

#define EBUSY 16
#define MANY 1500
#define WAIT_NS (60ULL * 1000 * 1000 * 1000)

static const char text[] = "Petrel grant test page";

static int wait_key(const char *path)
{
	uint64_t deadline = petrel_monotonic_ns() + WAIT_NS;
	char v[8];

	while (petrel_xenstore_read(path, v, sizeof(v)) < 0) {
		if (petrel_monotonic_ns() > deadline)
			return -1;
		petrel_sleep_ns(20 * 1000 * 1000);
	}
	return 0;
}

static int share_with_dom0(void)
{
	char *page = petrel_alloc_pages(1);
	char ref_text[16];
	int ref, rc;

	for (unsigned int i = 0; i < sizeof(text); i++)
		page[i] = text[i];
	ref = petrel_grant_access(0, page, 1);
	if (ref < 0)
		return petrel_printf("grant: grant_access failed %d\n", ref), 1;
	petrel_snprintf(ref_text, sizeof(ref_text), "%d", ref);
	petrel_xenstore_write("data/grant-ref", ref_text);
	if (wait_key("data/grant-mapped"))
		return petrel_printf("grant: dom0 never mapped it\n"), 1;
	rc = petrel_grant_end(ref);
	petrel_printf("grant: end while mapped: %d\n", rc);
	petrel_xenstore_write("data/grant-busy-checked", "1");
	if (rc != -EBUSY)
		return 1;
	if (wait_key("data/grant-unmapped"))
		return petrel_printf("grant: dom0 never unmapped it\n"), 1;
	rc = petrel_grant_end(ref);
	petrel_printf("grant: end after unmap: %d\n", rc);
	if (rc)
		return 1;
	petrel_free_pages(page, 1);
	return 0;
}

static int grow_table(void)
{
	static int refs[MANY];
	char *page = petrel_alloc_pages(1);
	unsigned int before = petrel_grant_frames();
	int failures = 0;

	for (int i = 0; i < MANY; i++) {
		refs[i] = petrel_grant_access(0, page, 1);
		if (refs[i] < 0) {
			petrel_printf("grant: grant %d failed: %d\n", i,
				      refs[i]);
			return 1;
		}
	}
	for (int i = 0; i < MANY; i++)
		failures += petrel_grant_end((unsigned int)refs[i]) != 0;
	petrel_printf("grant: %d grants, frames %u -> %u, %d end failures\n",
		      MANY, before, petrel_grant_frames(), failures);
	petrel_free_pages(page, 1);
	return failures || petrel_grant_frames() <= before;
}

int main(void)
{
	if (share_with_dom0() || grow_table())
		return 1;
	petrel_printf("grant: ok\n");
	return 0;
}
