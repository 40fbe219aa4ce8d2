/*
 * poll() and select() across every kind of fd. Each fd type says what
 * it is ready for now (file_ctl_ops.poll); one wait queue is woken by
 * whatever may change that: the console's input queue, which console
 * input wakes, and which fd_poll_wake (lwIP's socket events, pipes)
 * wakes too. A generation count closes the window between scanning
 * the fds and going to sleep.
 */
#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <sys/select.h>
#include <sys/time.h>
#include "arch/irq.h"
#include "kernel/console.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "lib/libc/errno.h"
#include "lib/libc/fd.h"

static unsigned long poll_generation;

void fd_poll_wake(void)
{
	unsigned long flags = arch_irq_save();

	poll_generation++;
	wake_up_all(console_input_queue());
	arch_irq_restore(flags);
}

/* FD_READY_* for fd, or -EBADF. Files with no poll op are always
 * ready, as regular files are. */
static int fd_ready(int fd)
{
	void *priv;
	const struct file_ops *ops = fd_get(fd, &priv);
	int ready;

	if (!ops)
		return -EBADF;
	ready = fd_console_ready(ops, fd);
	if (ready >= 0)
		return ready;
	if (file_ctl(ops) && file_ctl(ops)->poll)
		return file_ctl(ops)->poll(priv);
	return FD_READY_IN | FD_READY_OUT;
}

/* What fd readiness depends on, as a number that changes with it. */
static unsigned long generation(void)
{
	return __atomic_load_n(&poll_generation, __ATOMIC_ACQUIRE) +
	       console_input_mark();
}

/* Sleep until an fd may have changed since generation gen, or until
 * deadline (0: none). */
static void wait_for_change(unsigned long gen, uint64_t deadline)
{
	unsigned long flags = arch_irq_save();

	if (gen == generation())
		wait_queue_sleep(console_input_queue(), deadline);
	arch_irq_restore(flags);
}

/*
 * Scan with scan(arg) until it finds something, timeout_ns passes
 * (negative: never) or, for a zero timeout, after one scan.
 */
static int wait_ready(int (*scan)(void *arg), void *arg, int64_t timeout_ns)
{
	uint64_t deadline =
		timeout_ns > 0 ? monotonic_ns() + (uint64_t)timeout_ns : 0;

	for (;;) {
		unsigned long gen = generation();
		int found = scan(arg);

		if (found || timeout_ns == 0)
			return found;
		if (deadline && monotonic_ns() >= deadline)
			return 0;
		wait_for_change(gen, deadline);
	}
}

struct poll_args {
	struct pollfd *fds;
	nfds_t nfds;
};

static short poll_revents(short events, int ready)
{
	short revents = 0;

	if (ready & FD_READY_IN)
		revents |= events & (POLLIN | POLLRDNORM);
	if (ready & FD_READY_OUT)
		revents |= events & (POLLOUT | POLLWRNORM);
	if (ready & FD_READY_HUP)
		revents |= POLLHUP | (events & POLLRDHUP);
	if (ready & FD_READY_ERR)
		revents |= POLLERR;
	return revents;
}

static int poll_scan(void *arg)
{
	struct poll_args *a = arg;
	int count = 0;

	for (nfds_t i = 0; i < a->nfds; i++) {
		struct pollfd *p = &a->fds[i];
		int ready;

		p->revents = 0;
		if (p->fd < 0)
			continue;
		ready = fd_ready(p->fd);
		p->revents = ready < 0 ? POLLNVAL :
					 poll_revents(p->events, ready);
		if (p->revents)
			count++;
	}
	return count;
}

int poll(struct pollfd *fds, nfds_t nfds, int timeout)
{
	struct poll_args a = { fds, nfds };

	if (nfds > FD_MAX) {
		libc_set_errno(EINVAL);
		return -1;
	}
	return wait_ready(poll_scan, &a,
			  timeout < 0 ? -1 : (int64_t)timeout * 1000000);
}

struct select_args {
	int nfds;
	fd_set *sets[3]; /* read, write, except: as given */
	fd_set want[3];
	int bad_fd;
};

static bool in_set(const fd_set *set, int fd)
{
	return set && FD_ISSET(fd, set);
}

/* Which of readable/writable/exceptional the readiness bits make fd. */
static bool select_hit(int which, int ready)
{
	if (which == 0)
		return ready & (FD_READY_IN | FD_READY_HUP | FD_READY_ERR);
	if (which == 1)
		return ready & (FD_READY_OUT | FD_READY_ERR);
	return false;
}

static int select_scan(void *arg)
{
	struct select_args *a = arg;
	fd_set got[3];
	int count = 0;

	for (int w = 0; w < 3; w++)
		FD_ZERO(&got[w]);
	for (int fd = 0; fd < a->nfds; fd++) {
		int ready;

		if (!in_set(&a->want[0], fd) && !in_set(&a->want[1], fd) &&
		    !in_set(&a->want[2], fd))
			continue;
		ready = fd_ready(fd);
		if (ready < 0) {
			a->bad_fd = fd;
			return -1;
		}
		for (int w = 0; w < 3; w++) {
			if (in_set(&a->want[w], fd) && select_hit(w, ready)) {
				FD_SET(fd, &got[w]);
				count++;
			}
		}
	}
	if (count)
		for (int w = 0; w < 3; w++)
			if (a->sets[w])
				*a->sets[w] = got[w];
	return count;
}

static int64_t timeval_ns(const struct timeval *tv)
{
	if (!tv)
		return -1;
	return (int64_t)tv->tv_sec * 1000000000 + (int64_t)tv->tv_usec * 1000;
}

/* As Linux does, leave the time not slept in *tv. */
static void timeval_left(struct timeval *tv, uint64_t start, int64_t total)
{
	int64_t left = total - (int64_t)(monotonic_ns() - start);

	if (left < 0)
		left = 0;
	tv->tv_sec = left / 1000000000;
	tv->tv_usec = (left % 1000000000) / 1000;
}

int select(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds,
	   struct timeval *timeout)
{
	struct select_args a = { .nfds = nfds,
				 .sets = { readfds, writefds, exceptfds } };
	int64_t ns = timeval_ns(timeout);
	uint64_t start = monotonic_ns();
	int count;

	if (nfds < 0 || nfds > FD_SETSIZE ||
	    (timeout && (timeout->tv_sec < 0 || timeout->tv_usec < 0 ||
			 timeout->tv_usec >= 1000000))) {
		libc_set_errno(EINVAL);
		return -1;
	}
	for (int w = 0; w < 3; w++) {
		FD_ZERO(&a.want[w]);
		if (a.sets[w])
			a.want[w] = *a.sets[w];
	}
	count = wait_ready(select_scan, &a, ns);
	if (count < 0) {
		libc_set_errno(EBADF);
		return -1;
	}
	if (!count)
		for (int w = 0; w < 3; w++)
			if (a.sets[w])
				FD_ZERO(a.sets[w]);
	if (timeout)
		timeval_left(timeout, start, ns);
	return count;
}

/* The signal mask is not applied: Petrel delivers signals only when
 * raised by the program itself, never during a wait. */
int pselect(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds,
	    const struct timespec *timeout, const sigset_t *sigmask)
{
	struct timeval tv;

	(void)sigmask;
	if (!timeout)
		return select(nfds, readfds, writefds, exceptfds, NULL);
	if (timeout->tv_nsec < 0 || timeout->tv_nsec >= 1000000000) {
		libc_set_errno(EINVAL);
		return -1;
	}
	tv.tv_sec = timeout->tv_sec;
	tv.tv_usec = (timeout->tv_nsec + 999) / 1000;
	if (tv.tv_usec == 1000000) {
		tv.tv_sec++;
		tv.tv_usec = 0;
	}
	return select(nfds, readfds, writefds, exceptfds, &tv);
}
