/*
 * Kernel entry: bring up the platform, console, memory and xenstore,
 * split the domain command line into settings and argv, and run the
 * app's main() in a thread of its own with a real stack (1 MiB unless the
 * app or its environment says otherwise). main's return value becomes the domain's
 * exit status.
 */
#include "arch/layout.h"
#include "arch/setup.h"
#include "kernel/cmdline.h"
#include "kernel/console.h"
#include "kernel/control.h"
#include "kernel/evtchn.h"
#include "kernel/gnttab.h"
#include "kernel/lib/size.h"
#include "kernel/lib/string.h"
#include "kernel/mm/mm.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/shutdown.h"
#include "kernel/xenstore.h"

#define MAX_ARGS 64
#define CMDLINE_MAX 1024
#define MAIN_STACK_ENV "PETREL_MAIN_STACK="

/*
 * main's stack size: an app may define this (petrel/petrel.h,
 * PETREL_MAIN_STACK_SIZE), and PETREL_MAIN_STACK in the environment
 * overrides both.
 */
extern const unsigned long petrel_main_stack_size;
const unsigned long petrel_main_stack_size __attribute__((weak)) = 1UL << 20;

/* The C library's start-up (lib/libc/start.c): it runs main. */
int app_entry(int argc, char **argv, char **envp);

/* The program name for argv[0]; the build links in the real one. */
extern const char petrel_app_name[];

static struct arch_boot_info boot_info;
static char cmdline_copy[CMDLINE_MAX];
static char *app_argv[MAX_ARGS + 2];
static char *app_envp[MAX_ARGS + 1];

static void early_fail(const char *what)
{
	console_emergency_write(what, strlen(what));
	kernel_crash();
}

static int build_argv(void)
{
	size_t len = strnlen(boot_info.cmdline, CMDLINE_MAX - 1);
	int argc;

	memcpy(cmdline_copy, boot_info.cmdline, len);
	cmdline_copy[len] = '\0';
	app_argv[0] = (char *)petrel_app_name;
	argc = cmdline_split(cmdline_copy, app_argv + 1, MAX_ARGS);
	if (argc < 0) {
		printk("petrel: bad command line (%d), passing no arguments\n",
		       argc);
		argc = 0;
		app_argv[1] = NULL;
	}
	return argc + 1;
}

/* petrel.tty=0,1,2: the fds that are terminals on the runner's side. */
static unsigned int parse_tty_fds(const char *value)
{
	unsigned int fds = 0;

	for (; *value; value++)
		if (*value >= '0' && *value <= '2')
			fds |= 1u << (*value - '0');
	return fds;
}

/* Kernel options (petrel.NAME=VALUE) the runner writes. */
static void apply_options(char *const *words, int n)
{
	unsigned int tty_fds = CONSOLE_STDIO_FDS;
	bool piped = false;

	for (int i = 0; i < n; i++) {
		const char *v;

		if (!cmdline_is_option(words[i]))
			continue;
		if ((v = cmdline_option(words[i], "tty")))
			tty_fds = parse_tty_fds(v);
		else if ((v = cmdline_option(words[i], "stdin")))
			piped = !strcmp(v, "pipe");
		else
			printk("petrel: unknown option %s ignored\n", words[i]);
	}
	console_set_stdio(tty_fds, piped);
}

/*
 * "[SETTING...] -- args" (the one rule: kernel/cmdline.h): environment
 * words go to envp, options are applied, argv keeps the rest.
 */
static int split_settings(int argc)
{
	char **words = app_argv + 1;
	int end = cmdline_settings_end(words, argc - 1), nenv = 0;

	app_envp[0] = NULL;
	if (end < 0)
		return argc;
	apply_options(words, end);
	for (int i = 0; i < end; i++)
		if (cmdline_is_env(words[i]))
			app_envp[nenv++] = words[i];
	app_envp[nenv] = NULL;
	/* Drop the settings and the "--"; argv[argc] (NULL) moves too. */
	for (int i = end + 1; i <= argc - 1; i++)
		words[i - end - 1] = words[i];
	return argc - end - 1;
}

static unsigned long main_stack_size(void)
{
	size_t prefix = strlen(MAIN_STACK_ENV);
	unsigned long size;

	for (char **e = app_envp; *e; e++) {
		if (strncmp(*e, MAIN_STACK_ENV, prefix))
			continue;
		if (parse_size(*e + prefix, &size) < 0)
			panic("bad %s%s: give bytes, or a number with K, M or G",
			      MAIN_STACK_ENV, *e + prefix);
		return size;
	}
	return petrel_main_stack_size;
}

static void *run_main(void *argc)
{
	kernel_exit(app_entry((int)(long)argc, app_argv, app_envp));
}

static void start_main_thread(int argc)
{
	unsigned long size = main_stack_size();
	int rc = thread_create_sized(NULL, "main", run_main, (void *)(long)argc,
				     size);

	if (rc < 0)
		panic("cannot allocate main's %lu KiB stack (%d): the domain "
		      "has %lu KiB free; set PETREL_MAIN_STACK or --mem",
		      size >> 10, rc, (mm_free_pages() << PAGE_SHIFT) >> 10);
}

void kernel_entry(void *boot_arg);

void kernel_entry(void *boot_arg)
{
	int rc = arch_setup(boot_arg, &boot_info, panic_on_trap);
	int argc;

	if (rc < 0)
		early_fail("petrel: early platform setup failed\n");
	console_init(boot_info.console, boot_info.console_evtchn);
	printk("petrel: booted as a %s guest with %lu KiB of memory\n",
	       boot_info.mode, boot_info.mem.nr_pages << (PAGE_SHIFT - 10));
	rc = mm_init(&boot_info.mem);
	if (rc < 0)
		panic("memory setup failed: %d", rc);
	rc = evtchn_init();
	if (rc < 0)
		panic("event channel setup failed: %d", rc);
	rc = gnttab_init();
	if (rc < 0)
		panic("grant table setup failed: %d", rc);
	rc = sched_init();
	if (rc < 0)
		panic("scheduler setup failed: %d", rc);
	rc = xenstore_init(boot_info.xenstore, boot_info.xenstore_evtchn);
	if (rc < 0)
		panic("xenstore setup failed: %d", rc);

	rc = control_init();
	if (rc < 0)
		printk("petrel: shutdown requests unavailable: %d\n", rc);
	rc = console_enable_events();
	if (rc < 0)
		printk("petrel: console events unavailable: %d\n", rc);
	argc = split_settings(build_argv());
	/* main runs in a thread of its own, which takes events (so it may
	 * sleep, in a full console write say); the boot context retires. */
	start_main_thread(argc);
	sched_park_boot_thread();
}
