/*
 * Queue of timers ordered by deadline (ns of system time), FIFO among equal
 * deadlines. Nodes are intrusive: embed a struct timer_node and recover the
 * owner with container_of(). Pure logic with no locking or callbacks; the
 * scheduler wraps it, serialises calls and programs the hardware timer
 * from timer_queue_first().
 */
#ifndef PETREL_KERNEL_TIMER_QUEUE_H
#define PETREL_KERNEL_TIMER_QUEUE_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/wait_list.h"

/* A zero-filled node, or one passed to timer_node_init(), is not queued. */
struct timer_node {
	struct list_head link; /* valid only while queued */
	uint64_t deadline;
	bool queued;
};

struct timer_queue {
	struct list_head head; /* sorted by deadline, earliest first */
	unsigned long count;
};

static inline void timer_node_init(struct timer_node *t)
{
	t->queued = false;
}

static inline bool timer_node_queued(const struct timer_node *t)
{
	return t->queued;
}

void timer_queue_init(struct timer_queue *q);

/*
 * Queue t to expire at deadline, after every timer already queued with the
 * same deadline. If t is already queued on q it is moved (re-armed). A
 * node must never be queued on two queues at once.
 */
void timer_queue_add(struct timer_queue *q, struct timer_node *t,
		     uint64_t deadline);

/* Dequeue t in O(1); false, changing nothing, if t was not queued. */
bool timer_queue_remove(struct timer_queue *q, struct timer_node *t);

/* The earliest timer, left queued; NULL if the queue is empty. */
struct timer_node *timer_queue_first(const struct timer_queue *q);

/* Dequeue and return the earliest timer if its deadline <= now; else NULL. */
struct timer_node *timer_queue_pop_expired(struct timer_queue *q, uint64_t now);

#endif /* PETREL_KERNEL_TIMER_QUEUE_H */
