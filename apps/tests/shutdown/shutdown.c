/*
 * The toolstack's shutdown requests reach the program as SIGTERM, as
 * init's do on Linux. "wait": no handler, so SIGTERM's default action
 * ends the program (status 143). "handler": a SIGTERM handler sets a
 * flag, the program sees it, says so and exits 0 (a clean shutdown, as
 * an appliance that flushes its data does). Either way, the program
 * gives up (status 3) if nothing came within two minutes.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t terminated;

static void on_sigterm(int sig)
{
	(void)sig;
	terminated = 1;
}

int main(int argc, char **argv)
{
	int with_handler = argc > 1 && !strcmp(argv[1], "handler");

	if (with_handler) {
		struct sigaction act = { .sa_handler = on_sigterm };

		sigaction(SIGTERM, &act, NULL);
	}
	printf("shutdown: waiting%s\n", with_handler ? " with a handler" : "");
	fflush(stdout);
	for (int i = 0; i < 1200 && !terminated; i++)
		usleep(100000);
	if (!terminated) {
		printf("shutdown: no request came\n");
		return 3;
	}
	printf("shutdown: SIGTERM seen, ending cleanly\n");
	return 0;
}
