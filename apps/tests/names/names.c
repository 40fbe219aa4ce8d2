/*
 * An app may use any name the C standard and POSIX leave to it, even
 * ones the Petrel kernel uses inside: libpetrel exports only petrel_*
 * and the standard names. Each function here has a kernel (or libc
 * glue) namesake; the link must succeed and the app's own be called.
 */
#include <stdio.h>

struct list_head {
	struct list_head *next, *prev;
};

static int calls;

void panic(const char *why)
{
	printf("names: app panic(%s)\n", why);
	calls++;
}

void list_add(struct list_head *n, struct list_head *head)
{
	n->next = head->next;
	n->prev = head;
	head->next = n;
	calls++;
}

int printk(const char *s)
{
	calls++;
	return printf("names: app printk(%s)\n", s);
}

void mutex_lock(int *m)
{
	*m = 1;
	calls++;
}

int fd_get(int fd)
{
	calls++;
	return fd + 100;
}

int thread_create(void)
{
	calls++;
	return 42;
}

int kernel_exit(int v)
{
	calls++;
	return v * 2;
}

int app_entry(void)
{
	calls++;
	return 7;
}

int main(void)
{
	struct list_head head = { &head, &head }, node;
	int m = 0;

	panic("not really");
	list_add(&node, &head);
	printk("hello");
	mutex_lock(&m);
	printf("names: fd_get %d thread_create %d kernel_exit %d app_entry %d\n",
	       fd_get(1), thread_create(), kernel_exit(4), app_entry());
	printf("names: %d calls, list %s, mutex %d\n", calls,
	       head.next == &node ? "linked" : "WRONG", m);
	return 0;
}
