/*
 * Signals raised within the program (raise, kill of our own pid): the
 * actions sigaction and signal install, the mask sigprocmask keeps and
 * the pending set, delivered the way Linux delivers them when it
 * returns to a program. From outside, only the toolstack signals: its
 * poweroff or reboot request (`xl shutdown`, `xl reboot`) is SIGTERM,
 * as init sends on Linux, delivered in the kernel's xenwatch thread as
 * if another thread of the program took it. A blocking call in the
 * program's own threads is not interrupted (no EINTR): a program that
 * waits for SIGTERM should wait with a timeout. Otherwise delivery
 * happens only in raise, kill and the calls that unblock.
 * Petrel's threads share one mask (Linux keeps one per thread).
 *
 * Default actions: the signals Linux ignores by default are ignored
 * (stop signals too: a unikernel has no job control), every other one
 * ends the domain with exit status 128 + its Linux number, as a shell
 * would report a program killed by it, with a line on the console.
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>
#include "kernel/control.h"
#include "kernel/printk.h"
#include "lib/libc/errno.h"
#include "lib/libc/exit.h"
#include "lib/libc/signals.h"

struct signal_info {
	const char *name;
	unsigned char linux_nr; /* for exit statuses and delivery order */
	bool ignored_by_default;
};

/* newlib numbers some signals differently from Linux. */
static const struct signal_info signals[NSIG] = {
	[SIGHUP] = { "SIGHUP", 1, false },
	[SIGINT] = { "SIGINT", 2, false },
	[SIGQUIT] = { "SIGQUIT", 3, false },
	[SIGILL] = { "SIGILL", 4, false },
	[SIGTRAP] = { "SIGTRAP", 5, false },
	[SIGABRT] = { "SIGABRT", 6, false },
	[SIGEMT] = { "SIGEMT", 7, false },
	[SIGFPE] = { "SIGFPE", 8, false },
	[SIGKILL] = { "SIGKILL", 9, false },
	[SIGBUS] = { "SIGBUS", 7, false },
	[SIGSEGV] = { "SIGSEGV", 11, false },
	[SIGSYS] = { "SIGSYS", 31, false },
	[SIGPIPE] = { "SIGPIPE", 13, false },
	[SIGALRM] = { "SIGALRM", 14, false },
	[SIGTERM] = { "SIGTERM", 15, false },
	[SIGURG] = { "SIGURG", 23, true },
	[SIGSTOP] = { "SIGSTOP", 19, true },
	[SIGTSTP] = { "SIGTSTP", 20, true },
	[SIGCONT] = { "SIGCONT", 18, true },
	[SIGCHLD] = { "SIGCHLD", 17, true },
	[SIGTTIN] = { "SIGTTIN", 21, true },
	[SIGTTOU] = { "SIGTTOU", 22, true },
	[SIGIO] = { "SIGIO", 29, false },
	[SIGXCPU] = { "SIGXCPU", 24, false },
	[SIGXFSZ] = { "SIGXFSZ", 25, false },
	[SIGVTALRM] = { "SIGVTALRM", 26, false },
	[SIGPROF] = { "SIGPROF", 27, false },
	[SIGWINCH] = { "SIGWINCH", 28, true },
	[SIGLOST] = { "SIGLOST", 29, false },
	[SIGUSR1] = { "SIGUSR1", 10, false },
	[SIGUSR2] = { "SIGUSR2", 12, false },
};

static struct sigaction actions[NSIG];
static sigset_t blocked, pending;

static sigset_t bit(int sig)
{
	return (sigset_t)1 << sig;
}

#define UNBLOCKABLE (bit(SIGKILL) | bit(SIGSTOP))

static bool valid(int sig)
{
	return sig > 0 && sig < NSIG;
}

static int fail(int err)
{
	libc_set_errno(err);
	return -1;
}

static bool ignored(int sig)
{
	_sig_func_ptr fn = actions[sig].sa_handler;

	return fn == SIG_IGN ||
	       (fn == SIG_DFL && signals[sig].ignored_by_default);
}

static void __attribute__((noreturn)) killed_by(int sig)
{
	int status = 128 + signals[sig].linux_nr;

	printk("petrel: killed by signal %s: exit status %d\n",
	       signals[sig].name, status);
	libc_exit(status);
}

static void run_handler(int sig, const struct sigaction *act)
{
	siginfo_t info = { .si_signo = sig, .si_code = SI_USER };

	if (act->sa_flags & SA_SIGINFO)
		act->sa_sigaction(sig, &info, NULL);
	else
		act->sa_handler(sig);
}

/* The pending signal the mask lets through that Linux takes first: the
 * lowest by Linux's numbering. 0 when there is none. */
static int next_deliverable(void)
{
	sigset_t ready = pending & ~blocked;
	int best = 0;

	for (int sig = 1; sig < NSIG; sig++)
		if ((ready & bit(sig)) &&
		    (!best || signals[sig].linux_nr < signals[best].linux_nr))
			best = sig;
	return best;
}

/*
 * Deliver what the mask lets through, as Linux does: it takes the first
 * deliverable signal, sets up its handler's frame with the handler's
 * mask in force, then looks again, so frames stack and the last one set
 * up runs first. A handler's return restores the mask it replaced, and
 * Linux looks again.
 */
static void deliver_pending(void)
{
	int sig = next_deliverable();
	sigset_t saved = blocked;
	struct sigaction act;

	if (!sig)
		return;
	pending &= ~bit(sig);
	act = actions[sig];
	if (act.sa_handler == SIG_DFL && !signals[sig].ignored_by_default)
		killed_by(sig);
	if (!ignored(sig)) {
		blocked |= act.sa_mask;
		if (!(act.sa_flags & SA_NODEFER))
			blocked |= bit(sig);
		blocked &= ~UNBLOCKABLE;
		if (act.sa_flags & SA_RESETHAND)
			actions[sig] =
				(struct sigaction){ .sa_handler = SIG_DFL };
		deliver_pending();
		run_handler(sig, &act);
		blocked = saved;
	}
	deliver_pending();
}

/* A signal for the whole program. Linux drops an ignored signal at
 * once unless it is blocked (its action may change before unblocking). */
static int generate(int sig)
{
	if (!sig || (ignored(sig) && !(blocked & bit(sig))))
		return 0;
	pending |= bit(sig);
	deliver_pending();
	return 0;
}

int sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
	if (!valid(sig) || (act && (bit(sig) & UNBLOCKABLE)))
		return fail(EINVAL);
	if (old)
		*old = actions[sig];
	if (act) {
		actions[sig] = *act;
		actions[sig].sa_mask &= ~UNBLOCKABLE;
		if (ignored(sig))
			pending &= ~bit(sig);
	}
	return 0;
}

/* glibc's signal(): BSD semantics, the handler stays and calls restart. */
_sig_func_ptr signal(int sig, _sig_func_ptr fn)
{
	struct sigaction act = { .sa_handler = fn, .sa_flags = SA_RESTART };
	struct sigaction old;

	if (sigaction(sig, &act, &old) < 0)
		return SIG_ERR;
	return old.sa_handler;
}

int raise(int sig)
{
	if (sig < 0 || sig >= NSIG)
		return fail(EINVAL);
	return generate(sig);
}

/* This program is the only process: its pid, 0 (its process group) and
 * minus its pid reach it; -1 means "every process but the caller". */
int kill(int pid, int sig)
{
	if (sig < 0 || sig >= NSIG)
		return fail(EINVAL);
	if (pid == getpid() || pid == 0 || pid == -getpid())
		return generate(sig);
	return fail(ESRCH);
}

static int change_mask(int how, const sigset_t *set)
{
	switch (how) {
	case SIG_BLOCK:
		blocked |= *set;
		break;
	case SIG_UNBLOCK:
		blocked &= ~*set;
		break;
	case SIG_SETMASK:
		blocked = *set;
		break;
	default:
		return EINVAL;
	}
	blocked &= ~UNBLOCKABLE;
	return 0;
}

int pthread_sigmask(int how, const sigset_t *set, sigset_t *old)
{
	sigset_t was = blocked;
	int rc = set ? change_mask(how, set) : 0;

	if (rc)
		return rc;
	if (old)
		*old = was;
	deliver_pending();
	return 0;
}

int sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
	int rc = pthread_sigmask(how, set, old);

	return rc ? fail(rc) : 0;
}

int sigpending(sigset_t *set)
{
	*set = pending;
	return 0;
}

__typeof__(kill) _kill __attribute__((alias("kill")));

static void toolstack_request(void)
{
	generate(SIGTERM);
}

void libc_signals_init(void)
{
	control_set_request_handler(toolstack_request);
}
