/*
 * Minimal intrusive circular doubly-linked list, shared by wait queues, run
 * queues and the timer queue. A list is a struct list_head sentinel; items
 * embed a struct list_head and are recovered with container_of(). Pure
 * logic with no locking: callers serialise access to a list.
 */
#ifndef PETREL_KERNEL_WAIT_LIST_H
#define PETREL_KERNEL_WAIT_LIST_H

#include <stdbool.h>
#include <stddef.h>

struct list_head {
	struct list_head *prev, *next;
};

#ifndef container_of
/* The struct of type that holds *ptr as its member. */
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr)-offsetof(type, member)))
#endif

/* Also valid after list_del(): a node's own link is then an empty list. */
static inline void list_init(struct list_head *head)
{
	head->prev = head;
	head->next = head;
}

static inline bool list_empty(const struct list_head *head)
{
	return head->next == head;
}

/* Insert node right after pos (at the front when pos is the head). */
void list_add(struct list_head *node, struct list_head *pos);

/* Insert node right before pos (at the back when pos is the head). */
void list_add_tail(struct list_head *node, struct list_head *pos);

/* Unlink node from whatever list holds it; node is left self-linked. */
void list_del(struct list_head *node);

/* Unlink and return the first node, or NULL if the list is empty. */
struct list_head *list_pop_front(struct list_head *head);

#define list_for_each(pos, head) \
	for ((pos) = (head)->next; (pos) != (head); (pos) = (pos)->next)

/* As list_for_each, but pos may be list_del()ed inside the loop. */
#define list_for_each_safe(pos, tmp, head)                               \
	for ((pos) = (head)->next, (tmp) = (pos)->next; (pos) != (head); \
	     (pos) = (tmp), (tmp) = (pos)->next)

#endif /* PETREL_KERNEL_WAIT_LIST_H */
