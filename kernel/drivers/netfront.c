/*
 * Netfront: finding the domain's vifs, connecting one (rings, granted
 * buffer pages, event channel, the xenstore keys netback reads), and
 * tearing it down so that no page is freed while its grant may still
 * be mapped. The rings themselves run in netfront_io.c.
 */
#include "arch/layout.h"
#include "kernel/drivers/netfront_mac.h"
#include "kernel/drivers/netfront_priv.h"
#include "kernel/evtchn.h"
#include "kernel/gnttab.h"
#include "kernel/lib/errno.h"
#include "kernel/lib/format.h"
#include "kernel/lib/string.h"
#include "kernel/mm/mm.h"
#include "kernel/printk.h"
#include "kernel/time.h"
#include "kernel/xenstore.h"

#define NETFRONT_MAX_VIFS 16
#define NF_PAGES ((sizeof(struct netfront) + PAGE_SIZE - 1) / PAGE_SIZE)
/* How long teardown waits for the backend to let go of our pages. */
#define CLOSE_TIMEOUT_NS (10000 * NSEC_PER_MSEC)
/* How long a new domain's backend may take to connect after a resume. */
#define CONNECT_TIMEOUT_NS (20000 * NSEC_PER_MSEC)
#define DEFAULT_MTU 1500
#define MAX_MTU (NETFRONT_TX_MAX_SIZE - NETFRONT_ETH_HLEN)

_Static_assert(NETFRONT_RING_SIZE == __CONST_RING_SIZE(netif_rx, PAGE_SIZE),
	       "rx ring size");
_Static_assert(NETFRONT_RING_SIZE == __CONST_RING_SIZE(netif_tx, PAGE_SIZE),
	       "tx ring size");
_Static_assert(NETFRONT_PAGE_SIZE == PAGE_SIZE, "page size");

/* The vifs found, in device-id order. */
static struct netfront *vifs[NETFRONT_MAX_VIFS];
static unsigned int nr_vifs;
static enum { INIT_NONE, INIT_RUNNING, INIT_DONE } init_state;

static int parse_devid(const char *nodename, unsigned long *out)
{
	const char *p = nodename + strlen("device/vif/");
	unsigned long v = 0;

	if (!*p)
		return -EINVAL;
	for (; *p; p++) {
		if (*p < '0' || *p > '9' || v > 100000)
			return -EINVAL;
		v = v * 10 + (unsigned long)(*p - '0');
	}
	*out = v;
	return 0;
}

static int read_mac(struct netfront *nf)
{
	char path[XENBUS_PATH_MAX + 8], text[24];
	int rc = xenbus_path(path, sizeof(path), nf->nodename, "mac");

	if (!rc)
		rc = xenstore_read(path, text, sizeof(text));
	if (rc >= 0)
		rc = netfront_parse_mac(text, nf->mac);
	if (rc < 0)
		printk("petrel: netfront: %s: no valid mac (%d)\n",
		       nf->nodename, rc);
	return rc;
}

static void add_sorted(struct netfront *nf)
{
	unsigned int i = nr_vifs++;

	for (; i > 0 && vifs[i - 1]->devid > nf->devid; i--)
		vifs[i] = vifs[i - 1];
	vifs[i] = nf;
}

static void forget(struct netfront *nf);

static struct netfront *find_vif(unsigned long devid)
{
	for (unsigned int i = 0; i < nr_vifs; i++)
		if (vifs[i]->devid == devid)
			return vifs[i];
	return NULL;
}

static struct netfront *new_vif(unsigned long devid)
{
	struct netfront *nf;

	if (nr_vifs == NETFRONT_MAX_VIFS)
		return NULL;
	nf = alloc_pages(NF_PAGES);
	if (!nf)
		return NULL;
	memset(nf, 0, sizeof(*nf));
	nf->devid = devid;
	wait_queue_init(&nf->thread_wait);
	wait_queue_init(&nf->tx_wait);
	add_sorted(nf);
	return nf;
}

/*
 * A vif found at boot, or plugged in later. One plugged back in under a
 * device id we had keeps its place (eth<N>), and its thread connects it
 * once the backend shows up (nf_changed).
 */
static int nf_probe(struct xenbus_device *dev)
{
	struct netfront *nf;
	unsigned long devid;
	bool fresh;
	int rc = parse_devid(dev->nodename, &devid);

	if (rc < 0)
		return rc;
	nf = find_vif(devid);
	if (nf && nf->dev)
		return -EEXIST;
	fresh = !nf;
	if (fresh)
		nf = new_vif(devid);
	if (!nf)
		return -ENOMEM;
	memcpy(nf->nodename, dev->nodename, sizeof(nf->nodename));
	rc = read_mac(nf);
	if (rc < 0) {
		if (fresh)
			forget(nf);
		return rc;
	}
	nf->dev = dev;
	dev->priv = nf;
	nf->replug = nf->open;
	if (fresh && init_state == INIT_DONE)
		printk("petrel: netfront: %s: a new vif after boot: the stack "
		       "uses only those it started with\n",
		       nf->nodename);
	return 0;
}

static void wake_thread(struct netfront *nf)
{
	nf->work = true;
	wake_up_one(&nf->thread_wait);
	wake_up_all(&nf->tx_wait);
}

/*
 * The backend moved. An open vif's thread follows it: it unplugs when
 * the backend leaves (xl network-detach), and connects a vif plugged
 * back in. A vif nobody opened just closes when asked.
 */
static void nf_changed(struct xenbus_device *dev, enum xenbus_state state)
{
	struct netfront *nf = dev->priv;

	if (!nf)
		return;
	if (!nf->open) {
		if (state == XenbusStateClosing)
			xenbus_switch_state(dev, XenbusStateClosed);
		return;
	}
	if (state >= XenbusStateClosing && nf->connected)
		nf->unplug = true;
	wake_thread(nf);
}

/* The toolstack removed the device without waiting for us. */
static void nf_gone(struct xenbus_device *dev)
{
	struct netfront *nf = dev->priv;

	if (nf && nf->open && nf->connected) {
		nf->unplug = true;
		wake_thread(nf);
	} else if (nf && nf->open) {
		/* Being connected by netfront_open or the thread: it
		 * fails with -ENODEV and closes the device itself. */
		wake_thread(nf);
	} else {
		xenbus_close(dev, 0);
	}
}

static void nf_remove(struct xenbus_device *dev)
{
	struct netfront *nf = dev->priv;

	if (nf)
		nf->dev = NULL;
}

/* An array, not a literal: string literals share one section that
 * --gc-sections cannot drop, and images without netfront must not grow. */
static const char vif_type[] = "vif";

static struct xenbus_driver netfront_driver = {
	.type = vif_type,
	.probe = nf_probe,
	.otherend_changed = nf_changed,
	.remove = nf_remove,
	.gone = nf_gone,
};

int netfront_init(void)
{
	int rc;

	/* Threads are cooperative: one registers, the others wait. */
	while (init_state == INIT_RUNNING)
		thread_sleep_ns(NSEC_PER_MSEC);
	if (init_state == INIT_DONE)
		return (int)nr_vifs;
	init_state = INIT_RUNNING;
	rc = xenbus_register_driver(&netfront_driver);
	init_state = rc < 0 ? INIT_NONE : INIT_DONE;
	return rc < 0 ? rc : (int)nr_vifs;
}

/* A 0/1 key of the backend's; missing or junk reads as dflt. */
static bool backend_flag(struct netfront *nf, const char *key, bool dflt)
{
	char path[XENBUS_PATH_MAX + 32];
	unsigned long v;

	if (xenbus_path(path, sizeof(path), nf->dev->otherend, key) < 0 ||
	    xenstore_read_ulong(XS_TX_NONE, path, 1, &v) < 0)
		return dflt;
	return v;
}

static size_t backend_max_frame(struct netfront *nf)
{
	char path[XENBUS_PATH_MAX + 32];
	unsigned long mtu;

	if (xenbus_path(path, sizeof(path), nf->dev->otherend, "mtu") < 0 ||
	    xenstore_read_ulong(XS_TX_NONE, path, MAX_MTU, &mtu) < 0 ||
	    mtu < 68)
		mtu = DEFAULT_MTU;
	return mtu + NETFRONT_ETH_HLEN;
}

/*
 * What we may send. GSO needs scatter-gather and blank checksums, as in
 * Linux's netfront; csum offload is on unless the backend turns it off.
 */
static int read_backend_features(struct netfront *nf)
{
	unsigned int f = 0;

	if (!backend_flag(nf, "feature-rx-copy", false))
		return -EPROTO;
	if (!backend_flag(nf, "feature-no-csum-offload", false))
		f |= NETFRONT_F_CSUM;
	if (backend_flag(nf, "feature-ipv6-csum-offload", false))
		f |= NETFRONT_F_CSUM_IPV6;
	if (backend_flag(nf, "feature-sg", false)) {
		f |= NETFRONT_F_SG;
		if ((f & NETFRONT_F_CSUM) &&
		    backend_flag(nf, "feature-gso-tcpv4", false))
			f |= NETFRONT_F_GSO_TCPV4;
		if ((f & NETFRONT_F_CSUM_IPV6) &&
		    backend_flag(nf, "feature-gso-tcpv6", false))
			f |= NETFRONT_F_GSO_TCPV6;
	}
	nf->features = f;
	nf->max_frame = backend_max_frame(nf);
	return 0;
}

static int grant_page(struct netfront *nf, void *page, bool readonly,
		      grant_ref_t *ref)
{
	int rc = gnttab_grant_access(nf->dev->otherend_id, page, readonly);

	if (rc < 0)
		return rc;
	*ref = (grant_ref_t)rc;
	return 0;
}

/* A page and its grant, kept for the life of the connection. */
static int granted_page(struct netfront *nf, bool readonly, void **page,
			grant_ref_t *ref)
{
	int rc;

	*page = alloc_pages(1);
	if (!*page)
		return -ENOMEM;
	rc = grant_page(nf, *page, readonly, ref);
	if (rc < 0) {
		free_pages(*page, 1);
		*page = NULL;
	}
	return rc;
}

/*
 * The ring and buffer pages, each granted to the backend for the life of
 * the device: a save/restore keeps them, a new device (hot-plug) gets
 * its own. What was allocated is counted, so release_pages() can undo a
 * half-done call.
 */
static int grant_buffers(struct netfront *nf)
{
	void *tx_sring, *rx_sring;
	int rc;

	rc = granted_page(nf, false, &tx_sring, &nf->tx_ring_ref);
	if (rc < 0)
		return rc;
	nf->tx.sring = tx_sring;
	rc = granted_page(nf, false, &rx_sring, &nf->rx_ring_ref);
	if (rc < 0)
		return rc;
	nf->rx.sring = rx_sring;
	for (; nf->nr_tx_pages < NETFRONT_RING_SIZE; nf->nr_tx_pages++) {
		unsigned int i = nf->nr_tx_pages;

		rc = granted_page(nf, true, &nf->tx_pages[i], &nf->tx_grefs[i]);
		if (rc < 0)
			return rc;
	}
	for (; nf->nr_rx_pages < NETFRONT_RING_SIZE; nf->nr_rx_pages++) {
		unsigned int i = nf->nr_rx_pages;

		rc = granted_page(nf, false, &nf->rx_pages[i],
				  &nf->rx_grefs[i]);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* Empty rings and a new event channel, for each backend we meet. */
static int fresh_rings(struct netfront *nf)
{
	int rc;

	SHARED_RING_INIT(nf->tx.sring);
	FRONT_RING_INIT(&nf->tx, nf->tx.sring, PAGE_SIZE);
	SHARED_RING_INIT(nf->rx.sring);
	FRONT_RING_INIT(&nf->rx, nf->rx.sring, PAGE_SIZE);
	rc = evtchn_alloc_unbound(nf->dev->otherend_id, netfront_event, nf);
	if (rc < 0)
		return rc;
	nf->port = (evtchn_port_t)rc;
	nf->have_port = true;
	netfront_io_reset(nf);
	return 0;
}

static int write_key(uint32_t tx, const char *dir, const char *key,
		     unsigned long value)
{
	char path[XENBUS_PATH_MAX + 32], text[24];
	int rc = xenbus_path(path, sizeof(path), dir, key);

	if (rc < 0)
		return rc;
	ksnprintf(text, sizeof(text), "%lu", value);
	return xenstore_write_tx(tx, path, text);
}

/*
 * The keys netback reads when we connect. Ours say: one queue, one
 * event channel, rx by copy (into our granted pages), and that we take
 * scatter-gather frames, GSO extras and blank checksums on rx.
 */
static int publish(uint32_t tx, void *arg)
{
	struct netfront *nf = arg;
	const struct {
		const char *key;
		unsigned long value;
	} keys[] = {
		{ "tx-ring-ref", nf->tx_ring_ref },
		{ "rx-ring-ref", nf->rx_ring_ref },
		{ "event-channel", nf->port },
		{ "request-rx-copy", 1 },
		{ "feature-rx-notify", 1 },
		{ "feature-sg", 1 },
		{ "feature-gso-tcpv4", 1 },
		{ "feature-gso-tcpv6", 1 },
		{ "feature-no-csum-offload", 0 },
		{ "feature-ipv6-csum-offload", 1 },
	};
	int rc = 0;

	for (unsigned int i = 0; i < sizeof(keys) / sizeof(keys[0]) && !rc; i++)
		rc = write_key(tx, nf->nodename, keys[i].key, keys[i].value);
	return rc;
}

/* Retry while the backend still maps the page; false: give up on it. */
static bool end_grant(grant_ref_t ref, uint64_t deadline)
{
	int rc;

	while ((rc = gnttab_end_access(ref)) == -EBUSY &&
	       monotonic_ns() < deadline)
		thread_sleep_ns(10 * NSEC_PER_MSEC);
	return rc == 0;
}

/* Free a page only once its grant has ended; else leak it, safely. */
static unsigned int release_page(void *page, grant_ref_t ref, uint64_t deadline)
{
	if (!page)
		return 0;
	if (!end_grant(ref, deadline))
		return 1;
	free_pages(page, 1);
	return 0;
}

/* Whatever is still granted is kept out of use; nothing is reused. */
static void release_pages(struct netfront *nf, uint64_t deadline)
{
	unsigned int leaked = 0;

	for (unsigned int i = 0; i < nf->nr_tx_pages; i++)
		leaked += release_page(nf->tx_pages[i], nf->tx_grefs[i],
				       deadline);
	for (unsigned int i = 0; i < nf->nr_rx_pages; i++)
		leaked += release_page(nf->rx_pages[i], nf->rx_grefs[i],
				       deadline);
	leaked += release_page(nf->tx.sring, nf->tx_ring_ref, deadline);
	leaked += release_page(nf->rx.sring, nf->rx_ring_ref, deadline);
	if (leaked)
		printk("petrel: netfront: %s: %u page(s) still granted, "
		       "kept\n",
		       nf->nodename, leaked);
	nf->nr_tx_pages = nf->nr_rx_pages = 0;
	nf->tx.sring = NULL;
	nf->rx.sring = NULL;
}

static void forget(struct netfront *nf)
{
	unsigned int i = 0;

	while (i < nr_vifs && vifs[i] != nf)
		i++;
	for (; i + 1 < nr_vifs; i++)
		vifs[i] = vifs[i + 1];
	if (i < nr_vifs)
		nr_vifs--;
	free_pages(nf, NF_PAGES);
}

/* Off the rings, closed in step with the backend, every grant ended. */
static int detach(struct netfront *nf, uint64_t deadline)
{
	int rc = 0;

	nf->connected = false;
	if (nf->have_port)
		evtchn_close(nf->port);
	nf->have_port = false;
	if (nf->dev)
		rc = xenbus_close(nf->dev, deadline);
	release_pages(nf, deadline);
	return rc;
}

static int teardown(struct netfront *nf)
{
	int rc;

	if (nf->suspend.resume)
		suspend_hook_remove(&nf->suspend);
	nf->suspend.resume = NULL;
	netfront_io_stop(nf);
	rc = detach(nf, monotonic_ns() + CLOSE_TIMEOUT_NS);
	nf->open = false;
	forget(nf);
	return rc;
}

/*
 * Wait for the backend to offer itself, and read its terms. A backend
 * met again (a new domain, a vif plugged back in) must offer the terms
 * the stack was set up for.
 */
static int await_backend(struct netfront *nf, uint64_t deadline, bool again)
{
	unsigned int features = nf->features;
	size_t max_frame = nf->max_frame;
	int rc = xenbus_wait_otherend_while(nf->dev, XenbusStateInitWait,
					    deadline, &nf->stopping);

	if (!rc)
		rc = read_backend_features(nf);
	if (!rc && again &&
	    (nf->features != features || nf->max_frame != max_frame))
		rc = -EPROTO;
	return rc;
}

/* Tell the backend where our rings are, and wait for it to connect. */
static int go_connected(struct netfront *nf, uint64_t deadline)
{
	int rc = xenstore_transact(publish, nf);

	if (!rc)
		rc = xenbus_switch_state(nf->dev, XenbusStateConnected);
	if (!rc)
		rc = xenbus_wait_otherend_while(nf->dev, XenbusStateConnected,
						deadline, &nf->stopping);
	if (!rc)
		nf->connected = true;
	return rc;
}

static int connect(struct netfront *nf, uint64_t deadline)
{
	int rc = await_backend(nf, deadline, false);

	if (!rc)
		rc = grant_buffers(nf);
	if (!rc)
		rc = fresh_rings(nf);
	if (!rc)
		rc = netfront_io_start(nf);
	if (!rc)
		rc = go_connected(nf, deadline);
	return rc;
}

/*
 * A backend met again: in a new domain after a restore (the ring and
 * buffer pages and their grants survive the move), within a deadline;
 * or a vif plugged back in (new pages), as long as dom0's hotplug script
 * takes. Frames the old backend held are lost, as on a wire; TCP sends
 * them again.
 */
static int reattach(struct netfront *nf, bool new_pages)
{
	uint64_t deadline = new_pages ? 0 : monotonic_ns() + CONNECT_TIMEOUT_NS;
	int rc = await_backend(nf, deadline, true);

	if (!rc && new_pages)
		rc = grant_buffers(nf);
	if (!rc)
		rc = fresh_rings(nf);
	if (!rc)
		rc = go_connected(nf, deadline);
	return rc;
}

static void tell_stack(struct netfront *nf, enum netfront_event event)
{
	if (nf->event_fn)
		nf->event_fn(nf->rx_arg, event);
}

/* ---- save/restore ---- */

static void nf_quiesce(struct suspend_hook *h)
{
	container_of(h, struct netfront, suspend)->suspended = true;
}

static void nf_resume(struct suspend_hook *h, bool new_domain)
{
	struct netfront *nf = container_of(h, struct netfront, suspend);
	int rc = 0;

	if (new_domain && nf->connected) {
		nf->have_port = false; /* it died with the old domain */
		rc = reattach(nf, false);
	}
	if (rc < 0) {
		suspend_say_lost("netfront", nf->nodename, rc);
		nf->broken = true;
	}
	nf->suspended = false;
	nf->work = true;
	wake_up_one(&nf->thread_wait);
	wake_up_all(&nf->tx_wait);
	if (!rc && new_domain && nf->connected)
		tell_stack(nf, NETFRONT_EV_MOVED);
}

/* ---- hot-unplug and plug (the vif's thread) ---- */

static void unplug(struct netfront *nf)
{
	nf->unplug = false;
	tell_stack(nf, NETFRONT_EV_UNPLUGGED);
	detach(nf, monotonic_ns() + CLOSE_TIMEOUT_NS);
	printk("petrel: netfront: %s: unplugged\n", nf->nodename);
}

static void replug(struct netfront *nf)
{
	int rc;

	nf->replug = false;
	rc = reattach(nf, true);
	if (rc < 0) {
		printk("petrel: netfront: %s: cannot use the vif plugged in "
		       "(%d)\n",
		       nf->nodename, rc);
		detach(nf, monotonic_ns() + CLOSE_TIMEOUT_NS);
		return;
	}
	printk("petrel: netfront: %s: plugged back in\n", nf->nodename);
	tell_stack(nf, NETFRONT_EV_PLUGGED);
}

void netfront_hotplug_work(struct netfront *nf)
{
	if (nf->unplug && nf->connected)
		unplug(nf);
	if (nf->replug && nf->dev && !nf->connected)
		replug(nf);
}

void netfront_on_event(struct netfront *nf, netfront_event_fn fn)
{
	nf->event_fn = fn;
}

int netfront_open(unsigned int index, netfront_rx_fn rx, void *arg,
		  uint64_t deadline_ns, struct netfront **out)
{
	struct netfront *nf;
	int rc;

	if (index >= nr_vifs || !vifs[index]->dev || !rx)
		return -ENODEV;
	nf = vifs[index];
	if (nf->open)
		return -EBUSY;
	nf->open = true;
	nf->rx_fn = rx;
	nf->rx_arg = arg;
	rc = connect(nf, deadline_ns);
	if (rc < 0) {
		printk("petrel: netfront: %s: connect failed (%d)\n",
		       nf->nodename, rc);
		teardown(nf);
		return rc;
	}
	nf->suspend.quiesce = nf_quiesce;
	nf->suspend.resume = nf_resume;
	suspend_hook_add(&nf->suspend);
	*out = nf;
	return 0;
}

int netfront_close(struct netfront *nf)
{
	return teardown(nf);
}

void netfront_mac(const struct netfront *nf, uint8_t mac[NETFRONT_ETH_ALEN])
{
	memcpy(mac, nf->mac, NETFRONT_ETH_ALEN);
}

unsigned int netfront_features(const struct netfront *nf)
{
	return nf->features;
}

const char *netfront_nodename(const struct netfront *nf)
{
	return nf->nodename;
}

size_t netfront_max_frame(const struct netfront *nf)
{
	return nf->max_frame;
}

void netfront_stats(const struct netfront *nf, struct netfront_stats *out)
{
	*out = nf->stats;
}
