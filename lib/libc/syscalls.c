/*
 * The system calls under newlib (configured without its own stubs). They
 * carry their POSIX names, which programs call directly, and the _names
 * some newlib code calls. Each sets errno from the kernel's negative
 * error, which uses newlib's numbering. The calls that name files are
 * in files.c.
 */
#include <errno.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include "lib/libc/fd.h"
#include "lib/libc/errno.h"

static int fail(int err)
{
	libc_set_errno(err);
	return -1;
}

int write(int fd, const void *buf, size_t len)
{
	void *priv;
	const struct file_ops *ops = fd_get(fd, &priv);

	if (!ops || !ops->write)
		return fail(EBADF);
	return libc_result(ops->write(priv, buf, len));
}

int read(int fd, void *buf, size_t len)
{
	void *priv;
	const struct file_ops *ops = fd_get(fd, &priv);

	if (!ops || !ops->read)
		return fail(EBADF);
	return libc_result(ops->read(priv, buf, len));
}

int close(int fd)
{
	void *priv;
	const struct file_ops *ops = fd_get(fd, &priv);
	int rc = 0;

	if (!ops)
		return fail(EBADF);
	if (ops->close)
		rc = ops->close(priv);
	fd_release(fd);
	return libc_result(rc);
}

off_t lseek(int fd, off_t offset, int whence)
{
	void *priv;
	const struct file_ops *ops = fd_get(fd, &priv);

	if (!ops)
		return fail(EBADF);
	if (!ops->lseek)
		return fail(ESPIPE);
	return libc_result(ops->lseek(priv, offset, whence));
}

int fstat(int fd, struct stat *st)
{
	void *priv;
	const struct file_ops *ops = fd_get(fd, &priv);

	if (!ops)
		return fail(EBADF);
	*st = (struct stat){ 0 };
	return ops->fstat ? libc_result(ops->fstat(priv, st)) : 0;
}

/* As on Linux, "no" is 0 (not -1) with errno saying why. */
int isatty(int fd)
{
	void *priv;
	const struct file_ops *ops = fd_get(fd, &priv);

	if (ops && ops->isatty)
		return 1;
	/* POSIX: 0 with errno set (-1 would read as true). */
	libc_set_errno(ops ? ENOTTY : EBADF);
	return 0;
}

int link(const char *old, const char *new)
{
	(void)old;
	(void)new;
	return fail(EMLINK);
}

/* One program, no processes (see unsupported.c for fork and exec). */
int getpid(void)
{
	return 1;
}

#define SYSCALL_ALIAS(name) \
	__typeof__(name) _##name __attribute__((alias(#name)))

SYSCALL_ALIAS(write);
SYSCALL_ALIAS(read);
SYSCALL_ALIAS(close);
SYSCALL_ALIAS(lseek);
SYSCALL_ALIAS(fstat);
SYSCALL_ALIAS(isatty);
SYSCALL_ALIAS(link);
SYSCALL_ALIAS(getpid);
