/* Shutdown paths: exit with status, poweroff, reboot, crash. */
#include <stddef.h>
#include "arch/hypercall.h"
#include "kernel/console.h"
#include "kernel/lib/format.h"
#include "kernel/printk.h"
#include "kernel/shutdown.h"
#include "kernel/xenstore.h"

#define EXIT_STATUS_KEY "data/petrel-exit"

static void __attribute__((noreturn)) shutdown_with(unsigned int reason)
{
	struct sched_shutdown arg = { .reason = reason };

	console_flush();
	for (;;)
		hyp_sched_op(SCHEDOP_shutdown, &arg);
}

/* How the domain stops when the program ends: as the toolstack asked. */
static unsigned int exit_reason = SHUTDOWN_poweroff;

void kernel_set_shutdown_reason(bool reboot)
{
	exit_reason = reboot ? SHUTDOWN_reboot : SHUTDOWN_poweroff;
}

void kernel_exit(int status)
{
	char value[16];
	int rc;

	ksnprintf(value, sizeof(value), "%d", status);
	rc = xenstore_write(EXIT_STATUS_KEY, value);
	if (rc < 0)
		printk("petrel: exit status %d not recorded in xenstore (%d)\n",
		       status, rc);
	shutdown_with(exit_reason);
}

void kernel_poweroff(void)
{
	shutdown_with(SHUTDOWN_poweroff);
}

void kernel_reboot(void)
{
	shutdown_with(SHUTDOWN_reboot);
}

void kernel_crash(void)
{
	shutdown_with(SHUTDOWN_crash);
}
