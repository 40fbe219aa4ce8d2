/*
 * net_start(): bring lwIP up once, on first use. tcpip_init() starts
 * the tcpip thread (and with LWIP_HAVE_LOOPIF the loopback netif, with
 * 127.0.0.1 and ::1); then each vif gets its netif (net/vifs.c).
 */
#include <stdbool.h>
#include "kernel/printk.h"
#include "kernel/sync.h"
#include "lwip/tcpip.h"
#include "net/net.h"
#include "net/vifs.h"

static struct mutex start_lock;
static bool start_lock_ready;
static bool net_up;

static void tcpip_ready(void *arg)
{
	semaphore_up(arg);
}

static void start_stack(void)
{
	struct semaphore ready;

	semaphore_init(&ready, 0);
	tcpip_init(tcpip_ready, &ready);
	semaphore_down(&ready, 0);
	vifs_start();
}

void net_start(void)
{
	/*
	 * Threads are cooperative: nothing can run between the test and
	 * the set, so the lock is made exactly once without a lock.
	 */
	if (!start_lock_ready) {
		mutex_init(&start_lock);
		start_lock_ready = true;
	}
	if (net_up)
		return;
	mutex_lock(&start_lock);
	if (!net_up) {
		start_stack();
		net_drain_at_exit();
		net_up = true;
	}
	mutex_unlock(&start_lock);
}
