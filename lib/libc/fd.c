/* The fd table, and the console behind fds 0, 1 and 2. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
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

/* fds 0-2: priv is the console stream the fd writes (fd 0: stdout). */
static ssize_t console_fd_write(void *priv, const void *buf, size_t len)
{
	console_write_stream((enum console_stream)(uintptr_t)priv, buf, len);
	return (ssize_t)len;
}

static ssize_t console_fd_read(void *priv, void *buf, size_t len)
{
	(void)priv;
	return console_read(buf, len);
}

static int console_tty_fstat(void *priv, struct stat *st)
{
	(void)priv;
	st->st_mode = S_IFCHR | 0620;
	return 0;
}

/* Redirected on the runner's side: the guest sees a pipe, as Linux
 * shows `prog | cat`. */
static int console_pipe_fstat(void *priv, struct stat *st)
{
	(void)priv;
	st->st_mode = S_IFIFO | 0600;
	return 0;
}

static const struct file_ops console_tty_ops = {
	.read = console_fd_read,
	.write = console_fd_write,
	.fstat = console_tty_fstat,
	.isatty = 1,
};

static const struct file_ops console_pipe_ops = {
	.read = console_fd_read,
	.write = console_fd_write,
	.fstat = console_pipe_fstat,
};

void fd_init_console(void)
{
	for (int fd = 0; fd < 3; fd++) {
		uintptr_t stream = fd == 2 ? CONSOLE_STDERR : CONSOLE_STDOUT;

		fd_alloc(console_is_terminal(fd) ? &console_tty_ops :
						   &console_pipe_ops,
			 (void *)stream);
	}
}

/* Whether ops are a console fd's, and if so what it is ready for: as a
 * pipe's read end, stdin has hung up once piped input has ended. Not
 * in the ops tables, so images that never poll do not carry it. */
int fd_console_ready(const struct file_ops *ops, int fd)
{
	unsigned int input;

	if (ops != &console_tty_ops && ops != &console_pipe_ops)
		return -1;
	if (fd != 0)
		return FD_READY_OUT;
	input = console_input_poll();
	return (ops == &console_tty_ops ? FD_READY_OUT : 0) |
	       (input & CONSOLE_INPUT_DATA ? FD_READY_IN : 0) |
	       (input & CONSOLE_INPUT_END ? FD_READY_HUP : 0);
}
