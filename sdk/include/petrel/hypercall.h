/*
 * Raw hypercalls for conformance tests, and Xen's public headers (Xen
 * 4.17, the kernel's interface version) for their argument structures
 * and error numbers. petrel_hypercall returns exactly what Xen returned:
 * errors are negative *Xen* errno values (XEN_EINVAL, ... from
 * <xen/errno.h>), not newlib's, so a test sees the ABI itself.
 * Apps that only want services should use the other petrel headers.
 */
#ifndef PETREL_HYPERCALL_H
#define PETREL_HYPERCALL_H

#include <stdint.h>

#ifndef __XEN_INTERFACE_VERSION__
#define __XEN_INTERFACE_VERSION__ 0x00040e00
#endif
#include <xen/xen.h>
#include <xen/errno.h>
#include <xen/version.h>
#include <xen/sched.h>
#include <xen/event_channel.h>
#include <xen/grant_table.h>
#include <xen/memory.h>
#include <xen/vcpu.h>
#include <xen/callback.h>

long petrel_hypercall(unsigned int op, unsigned long a1, unsigned long a2,
		      unsigned long a3, unsigned long a4, unsigned long a5);

/* The frame number Xen knows the page at va by (the MFN in PV, the
 * guest-physical frame in PVH): what
 * page-table entries and frame lists in hypercalls carry. */
unsigned long petrel_virt_to_frame(const void *va);

#endif
