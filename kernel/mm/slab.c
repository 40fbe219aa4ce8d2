/*
 * Size-class pages (kernel/mm/slab.h). Each page starts with a header;
 * its objects follow, their free ones chained through their first word.
 * A page is on its class's partial list while it has a free object, and
 * off every list while full. Allocation is O(1); a free also walks its
 * page's free chain (at most 252 objects) to refuse a double free.
 */
#include <stdint.h>
#include "kernel/lib/errno.h"
#include "kernel/lib/string.h"
#include "kernel/mm/slab.h"

#define SLAB_MAGIC 0x51ab51abU

struct slab_page {
	uint32_t magic;
	uint32_t in_use;
	struct slab_class *class;
	struct list_head link; /* on class->partial while not full */
	void *free;
} __attribute__((aligned(64))); /* 64 bytes: the objects after it align */

_Static_assert(sizeof(struct slab_page) == 64, "slab header size");

static struct slab_page *page_of(const void *obj)
{
	return (struct slab_page *)((uintptr_t)obj &
				    ~(uintptr_t)(SLAB_PAGE_SIZE - 1));
}

static char *first_object(struct slab_page *p)
{
	return (char *)p + sizeof(*p);
}

static unsigned int objects_per_page(const struct slab_class *c)
{
	return (SLAB_PAGE_SIZE - sizeof(struct slab_page)) / c->size;
}

void slab_init(struct slab *s, const struct slab_page_source *pages)
{
	s->pages = pages;
	s->nr_pages = 0;
	for (unsigned int i = 0; i < SLAB_CLASSES; i++) {
		s->classes[i].size = 1UL << (SLAB_MIN_SHIFT + i);
		list_init(&s->classes[i].partial);
	}
}

static struct slab_class *class_for(struct slab *s, size_t size)
{
	unsigned int i = 0;

	while (s->classes[i].size < size)
		i++;
	return &s->classes[i];
}

static struct slab_page *page_new(struct slab *s, struct slab_class *c)
{
	struct slab_page *p = s->pages->alloc();
	char *obj;

	if (!p)
		return NULL;
	s->nr_pages++;
	*p = (struct slab_page){ .magic = SLAB_MAGIC, .class = c };
	obj = first_object(p);
	for (unsigned int i = objects_per_page(c); i--;) {
		*(void **)(obj + i * c->size) = p->free;
		p->free = obj + i * c->size;
	}
	list_add(&p->link, &c->partial);
	return p;
}

void *slab_alloc(struct slab *s, size_t size)
{
	struct slab_class *c;
	struct slab_page *p;
	void *obj;

	if (!size || size > SLAB_MAX_SIZE)
		return NULL;
	c = class_for(s, size);
	if (list_empty(&c->partial) && !page_new(s, c))
		return NULL;
	p = container_of(c->partial.next, struct slab_page, link);
	obj = p->free;
	p->free = *(void **)obj;
	p->in_use++;
	if (!p->free)
		list_del(&p->link);
	memset(obj, 0, c->size);
	return obj;
}

/* Whether obj is on its page's free chain (a double free). */
static int on_free_chain(const struct slab_page *p, const void *obj)
{
	for (const void *f = p->free; f; f = *(void *const *)f)
		if (f == obj)
			return 1;
	return 0;
}

static void page_release(struct slab *s, struct slab_page *p)
{
	list_del(&p->link);
	p->magic = 0;
	s->nr_pages--;
	s->pages->free(p);
}

int slab_free(struct slab *s, void *obj)
{
	struct slab_page *p = page_of(obj);
	struct slab_class *c;
	uintptr_t offset;

	if (!obj || p->magic != SLAB_MAGIC)
		return -EINVAL;
	c = p->class;
	offset = (uintptr_t)((char *)obj - first_object(p));
	if ((char *)obj < first_object(p) || offset % c->size ||
	    offset / c->size >= objects_per_page(c) || on_free_chain(p, obj))
		return -EINVAL;
	if (!p->free)
		list_add(&p->link, &c->partial);
	*(void **)obj = p->free;
	p->free = obj;
	if (--p->in_use == 0 && c->partial.next != c->partial.prev)
		page_release(s, p);
	return 0;
}

void slab_shrink(struct slab *s)
{
	for (unsigned int i = 0; i < SLAB_CLASSES; i++) {
		struct list_head *pos, *tmp;

		list_for_each_safe(pos, tmp, &s->classes[i].partial) {
			struct slab_page *p =
				container_of(pos, struct slab_page, link);

			if (!p->in_use)
				page_release(s, p);
		}
	}
}
