/*
 * sigset_t operations as functions that check the signal number (EINVAL
 * outside 1..NSIG-1), as glibc's do; newlib's unchecked macros are off
 * for Petrel (see the newlib posix-headers patch).
 */
#include <errno.h>
#include <signal.h>
#include "lib/libc/errno.h"

static int bad_signal(void)
{
	libc_set_errno(EINVAL);
	return -1;
}

static sigset_t bit(int sig)
{
	return (sigset_t)1 << sig;
}

int sigemptyset(sigset_t *set)
{
	*set = 0;
	return 0;
}

int sigfillset(sigset_t *set)
{
	*set = ~(sigset_t)1; /* every signal; bit 0 is no signal */
	return 0;
}

int sigaddset(sigset_t *set, int sig)
{
	if (sig <= 0 || sig >= NSIG)
		return bad_signal();
	*set |= bit(sig);
	return 0;
}

int sigdelset(sigset_t *set, int sig)
{
	if (sig <= 0 || sig >= NSIG)
		return bad_signal();
	*set &= ~bit(sig);
	return 0;
}

int sigismember(const sigset_t *set, int sig)
{
	if (sig <= 0 || sig >= NSIG)
		return bad_signal();
	return (*set & bit(sig)) != 0;
}
