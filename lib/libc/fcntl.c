/*
 * fcntl() and ioctl() on the fd table: status flags (O_NONBLOCK) and
 * FIONBIO go to the fd type's get_flags/set_flags; the close-on-exec
 * flag is accepted and kept, though nothing is ever exec'd.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/ioctl.h>
#include "lib/libc/errno.h"
#include "lib/libc/fd.h"

static unsigned char cloexec[FD_MAX];

static int fail(int err)
{
	libc_set_errno(err);
	return -1;
}

static int get_flags(const struct file_ops *ops, void *priv)
{
	const struct file_ctl_ops *ctl = file_ctl(ops);

	return ctl && ctl->get_flags ? ctl->get_flags(priv) : O_RDWR;
}

static int set_flags(const struct file_ops *ops, void *priv, int flags)
{
	const struct file_ctl_ops *ctl = file_ctl(ops);
	int rc;

	if (!ctl || !ctl->set_flags)
		return 0;
	rc = ctl->set_flags(priv, flags);
	return rc < 0 ? fail(-rc) : 0;
}

int fcntl(int fd, int cmd, ...)
{
	void *priv;
	const struct file_ops *ops = fd_get(fd, &priv);
	va_list ap;
	int arg;

	if (!ops)
		return fail(EBADF);
	va_start(ap, cmd);
	arg = va_arg(ap, int);
	va_end(ap);
	switch (cmd) {
	case F_GETFL:
		return get_flags(ops, priv);
	case F_SETFL:
		return set_flags(ops, priv, arg);
	case F_GETFD:
		return cloexec[fd] ? FD_CLOEXEC : 0;
	case F_SETFD:
		cloexec[fd] = (arg & FD_CLOEXEC) != 0;
		return 0;
	default:
		return fail(EINVAL);
	}
}

__typeof__(fcntl) _fcntl __attribute__((alias("fcntl")));

int ioctl(int fd, unsigned long request, ...)
{
	void *priv;
	const struct file_ops *ops = fd_get(fd, &priv);
	va_list ap;
	void *arg;
	int flags, rc;

	if (!ops)
		return fail(EBADF);
	va_start(ap, request);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (request == FIONBIO) {
		flags = get_flags(ops, priv) & ~O_NONBLOCK;
		return set_flags(ops, priv,
				 *(int *)arg ? flags | O_NONBLOCK : flags);
	}
	if (!file_ctl(ops) || !file_ctl(ops)->ioctl)
		return fail(ENOTTY);
	rc = file_ctl(ops)->ioctl(priv, request, arg);
	return rc < 0 ? fail(-rc) : rc;
}
