/* The public petrel/xen.h API. */
#include "kernel/gnttab.h"
#include "kernel/mm/mm.h"
#include "petrel/xen.h"

void *petrel_alloc_pages(unsigned long count)
{
	return alloc_pages(count);
}

void petrel_free_pages(void *pages, unsigned long count)
{
	free_pages(pages, count);
}

int petrel_grant_access(unsigned int domid, const void *page, int readonly)
{
	return gnttab_grant_access((domid_t)domid, page, readonly);
}

int petrel_grant_end(unsigned int ref)
{
	return gnttab_end_access(ref);
}

unsigned int petrel_grant_frames(void)
{
	return gnttab_nr_frames();
}
