/*
 * The file-descriptor table behind newlib's read/write/close/... Each
 * open fd is a file_ops and a private pointer; consoles, sockets and
 * files register their own ops. Ops return a count or a negative errno.
 */
#ifndef LIB_LIBC_FD_H
#define LIB_LIBC_FD_H

#include <sys/stat.h>
#include <sys/types.h>

struct file_ops {
	ssize_t (*read)(void *priv, void *buf, size_t len);
	ssize_t (*write)(void *priv, const void *buf, size_t len);
	off_t (*lseek)(void *priv, off_t offset, int whence);
	int (*fstat)(void *priv, struct stat *st);
	int (*close)(void *priv);
	int isatty;
};

#define FD_MAX 256

/* Lowest free fd for ops/priv, or -EMFILE. */
int fd_alloc(const struct file_ops *ops, void *priv);
/* The ops and private pointer of fd, or NULL (priv untouched). */
const struct file_ops *fd_get(int fd, void **priv);
int fd_release(int fd);

/* stdin, stdout and stderr on the console. */
void fd_init_console(void);

#endif
