/*
 * xenstore error replies: the xenstore client turns xenstored's error
 * strings ("ENOENT", "EACCES", "EINVAL") into negative errno values,
 * and every frontend's probe depends on telling them apart. Pins
 * (oxenstored/cxenstored as in Xen 4.17): a missing node is -ENOENT; a
 * node of dom0's is -EACCES to read and to write; a path with a
 * character outside [A-Za-z0-9/_@-] or an empty component is -EINVAL;
 * listing a missing directory is -ENOENT; removing a missing node whose
 * parent exists succeeds (there is nothing left to remove), and one
 * whose parent is missing too is -ENOENT; a transaction id xenstored
 * never gave out is -ENOENT.
 */
#include <errno.h>
#include <petrel/xenstore.h>
#include "conformance.h"

PETREL_TEST(
	xenstore_errors,
	"xenstore: ENOENT, EACCES and EINVAL replies, rm and bad transactions")
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
	PETREL_CHECK_EQ(petrel_xenstore_list("data/no-such-dir", v, sizeof(v)),
			-ENOENT);
	PETREL_CHECK_EQ(petrel_xenstore_rm("data/no-such-node"), 0);
	PETREL_CHECK_EQ(petrel_xenstore_rm("data/no-such-dir/node"), -ENOENT);
	PETREL_CHECK_EQ(petrel_xenstore_write_tx(0x7654321, "data/tx", "1"),
			-ENOENT);
}
