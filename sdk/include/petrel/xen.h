/*
 * Low-level Xen services for conformance tests and drivers written as
 * apps: whole pages, and grants of them to other domains. Errors are
 * negative errno values.
 */
#ifndef PETREL_XEN_H
#define PETREL_XEN_H

/* count zeroed, contiguous, page-aligned pages; NULL when out of memory. */
void *petrel_alloc_pages(unsigned long count);
void petrel_free_pages(void *pages, unsigned long count);

/* Let domain domid map page; returns the grant reference. */
int petrel_grant_access(unsigned int domid, const void *page, int readonly);
/* -EBUSY (-16) while the other domain still maps the page. */
int petrel_grant_end(unsigned int ref);
/* Frames in our grant table now (it grows on demand). */
unsigned int petrel_grant_frames(void);

/*
 * Event channels. fn runs in the event upcall (events masked): keep it
 * short. alloc_unbound offers a port that domain remote_domid can bind
 * to; it returns our port.
 */
int petrel_evtchn_alloc_unbound(unsigned int remote_domid,
				void (*fn)(unsigned int port, void *arg),
				void *arg);
int petrel_evtchn_send(unsigned int port);
int petrel_evtchn_close(unsigned int port);

#endif
