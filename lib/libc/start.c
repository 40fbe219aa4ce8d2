/*
 * Running main() the C way: stdio on the console, constructors, then
 * exit(main(argc, argv)) so atexit handlers run and stdio is flushed
 * before _exit hands the status to the kernel.
 */
#include <math.h>
#include <stdlib.h>
#include <unistd.h>
#include <stdio.h>
#include "kernel/panic.h"
#include "kernel/shutdown.h"
#include "petrel/petrel.h"
#include "lib/libc/exit.h"
#include "lib/libc/fd.h"
#include "lib/libc/progname.h"
#include "lib/libc/signals.h"

extern char **environ;
int main(int argc, char **argv, char **envp);

typedef void (*init_fn)(void);
extern init_fn __preinit_array_start[], __preinit_array_end[];
extern init_fn __init_array_start[], __init_array_end[];
extern init_fn __fini_array_start[], __fini_array_end[];

/* Constructors, in link order (the linker script sorts by priority). */
static void run_constructors(void)
{
	for (init_fn *f = __preinit_array_start; f < __preinit_array_end; f++)
		(*f)();
	for (init_fn *f = __init_array_start; f < __init_array_end; f++)
		(*f)();
}

/* Destructors run in reverse, from exit(), after atexit handlers. */
static void run_destructors(void)
{
	for (init_fn *f = __fini_array_end; f > __fini_array_start;)
		(*--f)();
}

/* Called by the kernel instead of main once it is up. */
int app_entry(int argc, char **argv, char **envp);

int app_entry(int argc, char **argv, char **envp)
{
	fd_init_console();
	libc_signals_init();
	environ = envp;
	libc_set_progname(argc > 0 ? argv[0] : NULL);
	/* libm reports domain and range errors in errno, as math.h's
	 * math_errhandling promises (newlib defaults to IEEE-only). */
	_LIB_VERSION = _POSIX_;
	/* Registered first, so it runs after the app's atexit handlers. */
	atexit(run_destructors);
	run_constructors();
	exit(main(argc, argv, envp));
}

void (*libc_before_exit)(void);

void libc_exit(int status)
{
	if (libc_before_exit)
		libc_before_exit();
	kernel_exit(status);
}

void _exit(int status)
{
	libc_exit(status);
}

/* petrel/petrel.h: the C library's exit, not the kernel's. */
void petrel_exit(int status)
{
	exit(status);
}

/* abort() (and so a failed assert) is a crash, with a backtrace. */
void abort(void)
{
	fflush(NULL);
	panic("abort() called");
}

/* newlib's exit calls _fini (register-fini); our destructor tables run
 * from run_destructors instead, so these have nothing to do. */
void _init(void);
void _fini(void);

void _init(void)
{
}

void _fini(void)
{
}
