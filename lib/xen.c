/* The public petrel/xen.h API. */
#include "kernel/evtchn.h"
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

int petrel_evtchn_alloc_unbound(unsigned int remote_domid,
				void (*fn)(unsigned int port, void *arg),
				void *arg)
{
	/* evtchn_port_t is an unsigned int, so the handler types agree. */
	return evtchn_alloc_unbound((domid_t)remote_domid, (evtchn_handler_t)fn,
				    arg);
}

int petrel_evtchn_send(unsigned int port)
{
	return evtchn_send(port);
}

int petrel_evtchn_close(unsigned int port)
{
	return evtchn_close(port);
}
