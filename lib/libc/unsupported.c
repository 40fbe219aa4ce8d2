/*
 * What a unikernel cannot do: there is one program and no other process
 * to create, run or wait for, and no shell. Each call fails as Linux
 * fails when the thing is impossible (ENOSYS; ECHILD for waits, as
 * there are never children; system() as if no shell could be run), and
 * the first call of each function leaves one line on the console, so a
 * ported program's odd behaviour has a visible cause.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "kernel/printk.h"
#include "lib/libc/errno.h"

#define SHELL_NOT_FOUND (127 << 8) /* a wait status: exited with 127 */
#define NOTED_MAX 32

/* Whether call's note was printed already (then true), else records it. */
static bool noted(const char *call)
{
	static const char *names[NOTED_MAX];
	int i;

	for (i = 0; i < NOTED_MAX && names[i]; i++)
		if (!strcmp(names[i], call))
			return true;
	if (i < NOTED_MAX)
		names[i] = call;
	return false;
}

static int refuse(const char *call, const char *why, int err)
{
	if (!noted(call))
		printk("petrel: %s is not available: %s\n", call, why);
	libc_set_errno(err);
	return -1;
}

#define NO_PROCESSES "a unikernel runs one program (ENOSYS)"
#define NO_PROGRAMS "a unikernel cannot load another program (ENOSYS)"
#define NO_CHILDREN "there are no child processes (ECHILD)"

static int refuse_exec(const char *call)
{
	return refuse(call, NO_PROGRAMS, ENOSYS);
}

int fork(void)
{
	return refuse("fork()", NO_PROCESSES, ENOSYS);
}

pid_t vfork(void)
{
	return refuse("vfork()", NO_PROCESSES, ENOSYS);
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	(void)path;
	(void)argv;
	(void)envp;
	return refuse_exec("execve()");
}

int execv(const char *path, char *const argv[])
{
	(void)path;
	(void)argv;
	return refuse_exec("execv()");
}

int execvp(const char *file, char *const argv[])
{
	(void)file;
	(void)argv;
	return refuse_exec("execvp()");
}

int execvpe(const char *file, char *const argv[], char *const envp[])
{
	(void)file;
	(void)argv;
	(void)envp;
	return refuse_exec("execvpe()");
}

int fexecve(int fd, char *const argv[], char *const envp[])
{
	(void)fd;
	(void)argv;
	(void)envp;
	return refuse_exec("fexecve()");
}

int execl(const char *path, const char *arg, ...)
{
	(void)path;
	(void)arg;
	return refuse_exec("execl()");
}

int execlp(const char *file, const char *arg, ...)
{
	(void)file;
	(void)arg;
	return refuse_exec("execlp()");
}

int execle(const char *path, const char *arg, ...)
{
	(void)path;
	(void)arg;
	return refuse_exec("execle()");
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	(void)pid;
	(void)status;
	(void)options;
	return refuse("waitpid()", NO_CHILDREN, ECHILD);
}

pid_t wait(int *status)
{
	(void)status;
	return refuse("wait()", NO_CHILDREN, ECHILD);
}

/* system(NULL) asks whether a shell exists: it does not. A command gets
 * what Linux gives when /bin/sh cannot run: exit status 127. */
int system(const char *command)
{
	if (!command)
		return 0;
	if (!noted("system()"))
		printk("petrel: system() is not available: a unikernel has no "
		       "shell (exit status 127)\n");
	return SHELL_NOT_FOUND;
}

/* newlib's own _fork_r, _execve_r and _wait_r call these names. */
__typeof__(fork) _fork __attribute__((alias("fork")));
__typeof__(execve) _execve __attribute__((alias("execve")));
__typeof__(wait) _wait __attribute__((alias("wait")));
