/*
 * Kernel errno values. Petrel returns errors as negative errno values. The
 * numbers are newlib's (sys/errno.h), so the libc layer turns a kernel
 * error into errno by negation. Xen's hypercalls return Linux numbers,
 * which differ for some codes: xen_errno() translates them.
 * Each is guarded so host unit tests can include this next to libc's
 * errno.h (tests compare symbols, never numbers).
 */
#ifndef PETREL_KERNEL_LIB_ERRNO_H
#define PETREL_KERNEL_LIB_ERRNO_H

#include <xen/errno.h>

#ifndef EPERM
#define EPERM 1
#endif
#ifndef ENOENT
#define ENOENT 2
#endif
#ifndef EIO
#define EIO 5
#endif
#ifndef E2BIG
#define E2BIG 7
#endif
#ifndef EBADF
#define EBADF 9
#endif
#ifndef ECHILD
#define ECHILD 10
#endif
#ifndef EAGAIN
#define EAGAIN 11
#endif
#ifndef ENOMEM
#define ENOMEM 12
#endif
#ifndef EACCES
#define EACCES 13
#endif
#ifndef EFAULT
#define EFAULT 14
#endif
#ifndef EBUSY
#define EBUSY 16
#endif
#ifndef EEXIST
#define EEXIST 17
#endif
#ifndef EXDEV
#define EXDEV 18
#endif
#ifndef EISDIR
#define EISDIR 21
#endif
#ifndef ENODEV
#define ENODEV 19
#endif
#ifndef EINVAL
#define EINVAL 22
#endif
#ifndef ENOSPC
#define ENOSPC 28
#endif
#ifndef EROFS
#define EROFS 30
#endif
#ifndef ERANGE
#define ERANGE 34
#endif
#ifndef ENOSYS
#define ENOSYS 88
#endif
#ifndef ENOTEMPTY
#define ENOTEMPTY 90
#endif
#ifndef EPROTO
#define EPROTO 71
#endif
#ifndef EOVERFLOW
#define EOVERFLOW 139
#endif
#ifndef EMSGSIZE
#define EMSGSIZE 122
#endif
#ifndef EOPNOTSUPP
#define EOPNOTSUPP 95
#endif
#ifndef ENOBUFS
#define ENOBUFS 105
#endif
#ifndef ECONNRESET
#define ECONNRESET 104
#endif
#ifndef EISCONN
#define EISCONN 127
#endif
#ifndef ENOTCONN
#define ENOTCONN 128
#endif
#ifndef ETIMEDOUT
#define ETIMEDOUT 116
#endif
#ifndef ECANCELED
#define ECANCELED 140
#endif

#ifndef ENAMETOOLONG
#define ENAMETOOLONG 91
#endif

/*
 * A hypercall's result as a kernel result: a negative Xen (Linux-numbered)
 * error becomes the negative newlib errno of the same name; success
 * values pass through. Every hypercall result goes through this before
 * it is returned as an error.
 */
static inline int xen_errno(long rc)
{
	if (rc >= 0)
		return (int)rc;
	switch (-rc) {
	case XEN_ENAMETOOLONG:
		return -ENAMETOOLONG;
	case XEN_ENOSYS:
		return -ENOSYS;
	case XEN_ENOTEMPTY:
		return -ENOTEMPTY;
	case XEN_EOVERFLOW:
		return -EOVERFLOW;
	case XEN_EMSGSIZE:
		return -EMSGSIZE;
	case XEN_ETIMEDOUT:
		return -ETIMEDOUT;
	default:
		/* EPERM..ERANGE have the same numbers in both. */
		return -rc <= XEN_ERANGE ? (int)rc : -EIO;
	}
}

#endif /* PETREL_KERNEL_LIB_ERRNO_H */
