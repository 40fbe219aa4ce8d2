/*
 * Anonymous mmap and munmap, on the kernel's page allocator: a mapping is
 * a run of zeroed pages from the top of memory (the malloc heap grows
 * from the bottom). Each mapping is recorded, so munmap frees exactly
 * the pages that were mapped: like Linux it may unmap part of a mapping
 * or a range with nothing in it (which succeeds), and never frees pages
 * it did not hand out.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include "arch/layout.h"
#include "kernel/mm/mm.h"
#include "lib/libc/errno.h"
#include "lib/libc/fd.h"

struct mapping {
	uintptr_t start, end; /* page-aligned, end exclusive */
	struct mapping *next;
};

static struct mapping *mappings;

static void *fail(int err)
{
	libc_set_errno(err);
	return MAP_FAILED;
}

static bool page_aligned(uintptr_t x)
{
	return !(x & (PAGE_SIZE - 1));
}

/* Why a mapping of fd cannot be made: there is no mappable file yet. */
static int file_mapping_error(int fd)
{
	void *priv;
	const struct file_ops *ops = fd_get(fd, &priv);

	if (!ops)
		return EBADF;
	return ops->read ? ENODEV : EACCES; /* Linux: a write-only fd */
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t offset)
{
	int type = flags & (MAP_SHARED | MAP_PRIVATE);
	struct mapping *m;
	unsigned long pages;
	void *va;

	(void)addr; /* only a hint, and the kernel places memory itself */
	(void)prot; /* always read-write, never executable */
	if (!len || !type || !page_aligned((uintptr_t)offset) ||
	    (flags & MAP_FIXED))
		return fail(EINVAL);
	if (!(flags & MAP_ANONYMOUS))
		return fail(file_mapping_error(fd));
	if (len > SIZE_MAX - PAGE_SIZE)
		return fail(ENOMEM);
	pages = (len + PAGE_SIZE - 1) / PAGE_SIZE;
	m = malloc(sizeof(*m));
	va = m ? alloc_pages(pages) : NULL;
	if (!va) {
		free(m);
		return fail(ENOMEM);
	}
	m->start = (uintptr_t)va;
	m->end = m->start + pages * PAGE_SIZE;
	m->next = mappings;
	mappings = m;
	return va;
}

/*
 * Unmap [start, end) from *link's mapping: free the overlap, keep what
 * is left on either side. Returns false when a split needs memory that
 * is not there (nothing is changed then).
 */
static bool cut(struct mapping **link, uintptr_t start, uintptr_t end)
{
	struct mapping *m = *link, *right;
	uintptr_t lo = start > m->start ? start : m->start;
	uintptr_t hi = end < m->end ? end : m->end;

	if (lo > m->start && hi < m->end) {
		right = malloc(sizeof(*right));
		if (!right)
			return false;
		*right = (struct mapping){ hi, m->end, m->next };
		m->next = right;
		m->end = lo;
	} else if (lo > m->start) {
		m->end = lo;
	} else if (hi < m->end) {
		m->start = hi;
	} else {
		*link = m->next;
		free(m);
	}
	free_pages((void *)lo, (hi - lo) / PAGE_SIZE);
	return true;
}

int munmap(void *addr, size_t len)
{
	uintptr_t start = (uintptr_t)addr, end;
	struct mapping **link = &mappings;

	if (!len || !page_aligned(start) || len > SIZE_MAX - PAGE_SIZE ||
	    start + len < start) {
		libc_set_errno(EINVAL);
		return -1;
	}
	end = (start + len + PAGE_SIZE - 1) & ~(uintptr_t)(PAGE_SIZE - 1);
	while (*link) {
		struct mapping *m = *link;

		if (m->start >= end || m->end <= start) {
			link = &m->next;
			continue;
		}
		if (!cut(link, start, end)) {
			libc_set_errno(ENOMEM);
			return -1;
		}
		if (*link == m)
			link = &m->next;
	}
	return 0;
}
