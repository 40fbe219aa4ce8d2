/*
 * net_start(): bring lwIP up once, on first use. tcpip_init() starts
 * the tcpip thread (and with LWIP_HAVE_LOOPIF the loopback netif, with
 * 127.0.0.1 and ::1); then each vif gets its netif (net/vifs.c).
 */
#include <errno.h>
#include <stdbool.h>
#include "kernel/printk.h"
#include "kernel/sync.h"
#include "lwip/tcpip.h"
#include "net/net.h"
#include "net/vifs.h"

enum net_state { NET_DOWN, NET_UP, NET_FAILED };

static struct mutex start_lock;
static bool start_lock_ready;
static enum net_state state = NET_DOWN;

static void tcpip_ready(void *arg)
{
	semaphore_up(arg);
}

static int start_stack(void)
{
	struct semaphore ready;

	semaphore_init(&ready, 0);
	tcpip_init(tcpip_ready, &ready);
	semaphore_down(&ready, 0);
	vifs_start();
	return 0;
}

int net_start(void)
{
	/*
	 * Threads are cooperative: nothing can run between the test and
	 * the set, so the lock is made exactly once without a lock.
	 */
	if (!start_lock_ready) {
		mutex_init(&start_lock);
		start_lock_ready = true;
	}
	if (state == NET_UP)
		return 0;
	mutex_lock(&start_lock);
	if (state == NET_DOWN)
		state = start_stack() == 0 ? NET_UP : NET_FAILED;
	mutex_unlock(&start_lock);
	return state == NET_UP ? 0 : -EIO;
}
