/*
 * FIFO event-channel ABI: one 32-bit event word per port in guest pages
 * we hand to Xen, and per-priority queues Xen links pending ports onto.
 * Xen writes these words concurrently, so every update is atomic and
 * the LINK field is trusted only after a range check.
 */
#include <stdbool.h>
#include <stddef.h>
#include "arch/hypercall.h"
#include "arch/layout.h"
#include "arch/mm.h"
#include "kernel/evtchn_abi.h"
#include "kernel/lib/errno.h"
#include "kernel/mm/mm.h"

#define WORDS_PER_PAGE (PAGE_SIZE / sizeof(event_word_t))
#define MAX_ARRAY_PAGES (EVTCHN_MAX_PORTS / WORDS_PER_PAGE)
#define BIT(n) (1U << (n))

static struct evtchn_fifo_control_block *control;
static event_word_t *array_pages[MAX_ARRAY_PAGES];
static unsigned int nr_array_pages;
static uint32_t queue_head[EVTCHN_FIFO_MAX_QUEUES];

static event_word_t *event_word(evtchn_port_t port)
{
	unsigned int page = port / WORDS_PER_PAGE;

	if (page >= nr_array_pages)
		return NULL;
	return &array_pages[page][port % WORDS_PER_PAGE];
}

/* Hand Xen one more page of event words, every port in it masked until
 * a handler is bound. */
static int give_array_page(event_word_t *page)
{
	struct evtchn_expand_array op = { .array_gfn = arch_virt_to_gfn(page) };

	for (unsigned int i = 0; i < WORDS_PER_PAGE; i++)
		page[i] = BIT(EVTCHN_FIFO_MASKED);
	return xen_errno(hyp_event_channel_op(EVTCHNOP_expand_array, &op));
}

static int expand_array(void)
{
	event_word_t *page;
	int rc;

	if (nr_array_pages >= MAX_ARRAY_PAGES)
		return -ENOSPC;
	page = alloc_pages(1);
	if (!page)
		return -ENOMEM;
	rc = give_array_page(page);
	if (rc < 0) {
		free_pages(page, 1);
		return rc;
	}
	array_pages[nr_array_pages++] = page;
	return 0;
}

static int give_control_block(void)
{
	struct evtchn_init_control op = {
		.control_gfn = arch_virt_to_gfn(control),
		.offset = 0,
		.vcpu = 0,
	};

	return xen_errno(hyp_event_channel_op(EVTCHNOP_init_control, &op));
}

static int fifo_setup_port(evtchn_port_t port)
{
	while (port / WORDS_PER_PAGE >= nr_array_pages) {
		int rc = expand_array();

		if (rc < 0)
			return rc;
	}
	return 0;
}

static void fifo_mask(evtchn_port_t port)
{
	event_word_t *w = event_word(port);

	if (w)
		__atomic_fetch_or(w, BIT(EVTCHN_FIFO_MASKED), __ATOMIC_SEQ_CST);
}

static int fifo_clear_mask(evtchn_port_t port)
{
	event_word_t *w = event_word(port);

	if (!w)
		return 0;
	return !!(__atomic_fetch_and(w, ~BIT(EVTCHN_FIFO_MASKED),
				     __ATOMIC_SEQ_CST) &
		  BIT(EVTCHN_FIFO_PENDING));
}

/* Unlink the head word; returns the next port in its queue. */
static uint32_t clear_linked(event_word_t *w)
{
	event_word_t old = __atomic_load_n(w, __ATOMIC_SEQ_CST), new;

	do {
		new = old & ~(BIT(EVTCHN_FIFO_LINKED) | EVTCHN_FIFO_LINK_MASK);
	} while (!__atomic_compare_exchange_n(
		w, &old, new, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));
	return old & EVTCHN_FIFO_LINK_MASK;
}

static void consume_one(unsigned int q, uint32_t *ready)
{
	uint32_t port = queue_head[q];
	event_word_t *w;
	event_word_t old;

	if (!port)
		port = __atomic_load_n(&control->head[q], __ATOMIC_ACQUIRE);
	w = event_word(port);
	if (!w) { /* Xen linked a port we never set up: drop the queue */
		queue_head[q] = 0;
		*ready &= ~BIT(q);
		return;
	}
	queue_head[q] = clear_linked(w);
	if (!queue_head[q])
		*ready &= ~BIT(q);
	old = __atomic_fetch_and(w, ~BIT(EVTCHN_FIFO_PENDING),
				 __ATOMIC_SEQ_CST);
	if ((old & BIT(EVTCHN_FIFO_PENDING)) &&
	    !(old & BIT(EVTCHN_FIFO_MASKED)))
		evtchn_dispatch(port);
}

static void fifo_handle_pending(void)
{
	uint32_t ready =
		__atomic_exchange_n(&control->ready, 0, __ATOMIC_SEQ_CST);

	while (ready) {
		unsigned int q = __builtin_ctz(ready);

		if (q >= EVTCHN_FIFO_MAX_QUEUES)
			break;
		consume_one(q, &ready);
		ready |= __atomic_exchange_n(&control->ready, 0,
					     __ATOMIC_SEQ_CST);
	}
}

/* A new domain knows nothing of our pages: give them again, empty. */
static int fifo_resume(void)
{
	int rc;

	for (unsigned int q = 0; q < EVTCHN_FIFO_MAX_QUEUES; q++)
		queue_head[q] = 0;
	for (unsigned int i = 0; i < PAGE_SIZE / sizeof(uint32_t); i++)
		((uint32_t *)control)[i] = 0;
	rc = give_control_block();
	for (unsigned int i = 0; i < nr_array_pages && !rc; i++)
		rc = give_array_page(array_pages[i]);
	return rc;
}

static const struct evtchn_abi fifo_abi = {
	.name = "FIFO",
	.setup_port = fifo_setup_port,
	.mask = fifo_mask,
	.clear_mask = fifo_clear_mask,
	.handle_pending = fifo_handle_pending,
	.resume = fifo_resume,
};

int evtchn_fifo_init(const struct evtchn_abi **abi)
{
	int rc;

	control = alloc_pages(1);
	if (!control)
		return -ENOMEM;
	rc = give_control_block();
	if (rc < 0) {
		free_pages(control, 1);
		control = NULL;
		return -ENOSYS; /* not offered: the caller falls back */
	}
	/* Committed to FIFO now: a failure here is fatal, not a fallback. */
	rc = expand_array();
	if (rc < 0)
		return rc == -ENOSYS ? -EIO : rc;
	*abi = &fifo_abi;
	return 0;
}
