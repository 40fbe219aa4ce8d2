/*
 * Timer queue as a sorted doubly-linked list (see timer_queue.h).
 *
 * Insertion scans from the tail: new deadlines are usually later than the
 * queued ones (timeouts of similar length armed in time order), so the
 * scan typically stops at once. Stopping at the first node whose deadline
 * is <= the new one keeps equal deadlines in FIFO order without a
 * sequence number. Removal just unlinks, so it is O(1).
 */
#include "kernel/timer_queue.h"

static struct timer_node *node_of(struct list_head *link)
{
	return container_of(link, struct timer_node, link);
}

void timer_queue_init(struct timer_queue *q)
{
	list_init(&q->head);
	q->count = 0;
}

void timer_queue_add(struct timer_queue *q, struct timer_node *t,
		     uint64_t deadline)
{
	struct list_head *pos;

	/* Re-arming: t's old position says nothing about its new one. */
	timer_queue_remove(q, t);
	pos = q->head.prev;
	while (pos != &q->head && node_of(pos)->deadline > deadline)
		pos = pos->prev;
	t->deadline = deadline;
	list_add(&t->link, pos);
	t->queued = true;
	q->count++;
}

bool timer_queue_remove(struct timer_queue *q, struct timer_node *t)
{
	if (!t->queued)
		return false;
	list_del(&t->link);
	t->queued = false;
	q->count--;
	return true;
}

struct timer_node *timer_queue_first(const struct timer_queue *q)
{
	if (list_empty(&q->head))
		return NULL;
	return node_of(q->head.next);
}

struct timer_node *timer_queue_pop_expired(struct timer_queue *q, uint64_t now)
{
	struct timer_node *t = timer_queue_first(q);

	if (!t || t->deadline > now)
		return NULL;
	timer_queue_remove(q, t);
	return t;
}
