/*
 * The file-descriptor table behind newlib's read/write/close/... Each
 * open fd is a file_ops and a private pointer; consoles, sockets and
 * files register their own ops. Ops return a count or a negative errno.
 */
#ifndef LIB_LIBC_FD_H
#define LIB_LIBC_FD_H

#include <errno.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/types.h>

struct file_ops {
	ssize_t (*read)(void *priv, void *buf, size_t len);
	ssize_t (*write)(void *priv, const void *buf, size_t len);
	off_t (*lseek)(void *priv, off_t offset, int whence);
	int (*fstat)(void *priv, struct stat *st);
	int (*close)(void *priv);
	int isatty;
	/* Set when these ops are the start of a struct file_ctl_ops. */
	int has_ctl;
};

/*
 * What poll, select, fcntl, ioctl and positioned I/O need, for fd types
 * that have it (pipes, sockets, files, block devices). Kept out of file_ops, so fd types that have none
 * (the console, in every image) stay as small as before. Each op may be
 * NULL.
 */
struct file_ctl_ops {
	struct file_ops ops; /* with has_ctl set; fd_alloc takes &ops */
	/* What the fd is ready for now, FD_READY_* bits (never waits). */
	int (*poll)(void *priv);
	/* O_NONBLOCK (and other status flags) for fcntl F_GETFL/F_SETFL. */
	int (*get_flags)(void *priv);
	int (*set_flags)(void *priv, int flags);
	/* ioctl requests besides FIONBIO; -ENOTTY when unknown. */
	int (*ioctl)(void *priv, unsigned long request, void *arg);
	/* Files and block devices: positioned I/O that leaves the offset
	 * alone, durability, and size (NULL: ESPIPE / EINVAL). */
	ssize_t (*pread)(void *priv, void *buf, size_t len, off_t offset);
	ssize_t (*pwrite)(void *priv, const void *buf, size_t len,
			  off_t offset);
	int (*fsync)(void *priv);
	int (*ftruncate)(void *priv, off_t length);
	/* Files: fchmod and fstatvfs (NULL: EPERM / ENOSYS). */
	int (*fchmod)(void *priv, mode_t mode);
	int (*fstatvfs)(void *priv, struct statvfs *sv);
};

static inline const struct file_ctl_ops *file_ctl(const struct file_ops *ops)
{
	return ops->has_ctl ? (const struct file_ctl_ops *)ops : NULL;
}

/* Readiness, as poll() and select() see it. */
#define FD_READY_IN 1 /* a read would not block */
#define FD_READY_OUT 2 /* a write would not block */
#define FD_READY_ERR 4 /* an error is pending */
#define FD_READY_HUP 8 /* the other end is gone */

#define FD_MAX 256

/* Lowest free fd for ops/priv, or -EMFILE. */
int fd_alloc(const struct file_ops *ops, void *priv);
/* The ops and private pointer of fd, or NULL (priv untouched). */
const struct file_ops *fd_get(int fd, void **priv);
int fd_release(int fd);

/* The control ops of fd (NULL when it has none); *err is EBADF when fd
 * is not open, else 0. */
static inline const struct file_ctl_ops *fd_ctl(int fd, void **priv, int *err)
{
	const struct file_ops *ops = fd_get(fd, priv);

	*err = ops ? 0 : EBADF;
	return ops ? file_ctl(ops) : NULL;
}

/*
 * Something an fd's readiness depends on changed (data arrived, room
 * freed, an end closed): wake poll() and select(). Any context may call
 * it, event handlers and lwIP's thread included.
 */
void fd_poll_wake(void);

/* stdin, stdout and stderr on the console. */
void fd_init_console(void);
/* FD_READY_* of a console fd, or -1 when ops are not the console's. */
int fd_console_ready(const struct file_ops *ops, int fd);

#endif
