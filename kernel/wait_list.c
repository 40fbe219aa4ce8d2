/*
 * Intrusive doubly-linked list (see wait_list.h). The head is a sentinel,
 * so no operation has a special case for the first or last item.
 */
#include "kernel/wait_list.h"

/* Link node between two adjacent nodes prev and next. */
static void link_between(struct list_head *node, struct list_head *prev,
			 struct list_head *next)
{
	node->prev = prev;
	node->next = next;
	prev->next = node;
	next->prev = node;
}

void list_add(struct list_head *node, struct list_head *pos)
{
	link_between(node, pos, pos->next);
}

void list_add_tail(struct list_head *node, struct list_head *pos)
{
	link_between(node, pos->prev, pos);
}

void list_del(struct list_head *node)
{
	node->prev->next = node->next;
	node->next->prev = node->prev;
	/* Self-linked rather than dangling: a second list_del is harmless. */
	list_init(node);
}

struct list_head *list_pop_front(struct list_head *head)
{
	struct list_head *first = head->next;

	if (first == head)
		return NULL;
	list_del(first);
	return first;
}
