/*
 * xenstore error replies: the xenstore client turns xenstored's error
 * strings ("ENOENT", "EACCES", "EINVAL") into negative errno values,
 * and every frontend's probe depends on telling them apart. Pins
 * (oxenstored/cxenstored as in Xen 4.17): a missing node is -ENOENT; a
 * node of dom0's is -EACCES to read and to write; a path with a
 * character outside [A-Za-z0-9/_@-] or an empty component is -EINVAL.
 */
#include <errno.h>
#include <petrel/xenstore.h>
#include "conformance.h"

PETREL_TEST(xenstore_errors, "xenstore: ENOENT, EACCES and EINVAL replies")
{
	char v[64];

	PETREL_CHECK(petrel_xenstore_read("domid", v, sizeof(v)) > 0);
	PETREL_CHECK_EQ(petrel_xenstore_read("data/no-such-node", v, sizeof(v)),
			-ENOENT);
	PETREL_CHECK_EQ(petrel_xenstore_read("/local/domain/0/name", v,
					     sizeof(v)),
			-EACCES);
	PETREL_CHECK_EQ(petrel_xenstore_write("/local/domain/0/data/x", "1"),
			-EACCES);
	PETREL_CHECK_EQ(petrel_xenstore_read("data/bad path", v, sizeof(v)),
			-EINVAL);
	PETREL_CHECK_EQ(petrel_xenstore_write("data//double", "1"), -EINVAL);
}
