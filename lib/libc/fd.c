/* The fd table, and the console behind fds 0, 1 and 2. */
#include <errno.h>
#include <stddef.h>
#include "kernel/console.h"
#include "lib/libc/fd.h"

struct fd_entry {
	const struct file_ops *ops;
	void *priv;
};

static struct fd_entry fds[FD_MAX];

int fd_alloc(const struct file_ops *ops, void *priv)
{
	for (int fd = 0; fd < FD_MAX; fd++) {
		if (!fds[fd].ops) {
			fds[fd].ops = ops;
			fds[fd].priv = priv;
			return fd;
		}
	}
	return -EMFILE;
}

const struct file_ops *fd_get(int fd, void **priv)
{
	if (fd < 0 || fd >= FD_MAX || !fds[fd].ops)
		return NULL;
	*priv = fds[fd].priv;
	return fds[fd].ops;
}

int fd_release(int fd)
{
	if (fd < 0 || fd >= FD_MAX || !fds[fd].ops)
		return -EBADF;
	fds[fd].ops = NULL;
	fds[fd].priv = NULL;
	return 0;
}

static ssize_t console_fd_write(void *priv, const void *buf, size_t len)
{
	(void)priv;
	console_write(buf, len);
	return (ssize_t)len;
}

static ssize_t console_fd_read(void *priv, void *buf, size_t len)
{
	(void)priv;
	return console_read(buf, len);
}

static int console_fd_fstat(void *priv, struct stat *st)
{
	(void)priv;
	st->st_mode = S_IFCHR | 0620;
	return 0;
}

static const struct file_ops console_ops = {
	.read = console_fd_read,
	.write = console_fd_write,
	.fstat = console_fd_fstat,
	.isatty = 1,
};

void fd_init_console(void)
{
	for (int fd = 0; fd < 3; fd++)
		fd_alloc(&console_ops, NULL);
}
