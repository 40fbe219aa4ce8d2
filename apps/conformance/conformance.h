/* Helpers shared by the conformance tests: short raw-hypercall calls. */
#ifndef CONFORMANCE_H
#define CONFORMANCE_H

#include <petrel/hypercall.h>
#include <petrel/test.h>

#define HC2(op, a1, a2) \
	petrel_hypercall(op, (unsigned long)(a1), (unsigned long)(a2), 0, 0, 0)
#define HC3(op, a1, a2, a3)                                            \
	petrel_hypercall(op, (unsigned long)(a1), (unsigned long)(a2), \
			 (unsigned long)(a3), 0, 0)
#define HC4(op, a1, a2, a3, a4)                                        \
	petrel_hypercall(op, (unsigned long)(a1), (unsigned long)(a2), \
			 (unsigned long)(a3), (unsigned long)(a4), 0)

static inline long evtchn(int cmd, void *arg)
{
	return HC2(__HYPERVISOR_event_channel_op, cmd, arg);
}

/* An address no Petrel image maps: page 0 stays unmapped, so Xen's
 * copy to or from it fails. */
#define BAD_POINTER ((void *)8)

/* A domain id that cannot exist (just below the reserved ones). */
#define NO_SUCH_DOMID (DOMID_FIRST_RESERVED - 1)

#endif
