/*
 * Grant tables (v1): let another domain map or read our pages. Each
 * grant is owned by the caller from gnttab_grant_access() until a
 * successful gnttab_end_access(); a page must not be freed or reused
 * while a grant on it may still be mapped.
 */
#ifndef KERNEL_GNTTAB_H
#define KERNEL_GNTTAB_H

#include <stdbool.h>
#include <xen/xen.h>
#include <xen/grant_table.h>

int gnttab_init(void);

/* Returns the grant reference, or a negative errno. */
int gnttab_grant_access(domid_t domid, const void *page, bool readonly);

/* -EBUSY while the other domain still maps the page; retry later. */
int gnttab_end_access(grant_ref_t ref);

unsigned int gnttab_nr_frames(void);

/*
 * Across a suspend, every grant keeps its reference and stays valid.
 * prepare (may sleep) takes the memory for a copy of the table; suspend
 * (events masked) copies it and unmaps Xen's frames; resume maps them
 * again and, in a new domain, writes the entries back; done frees the
 * copy. The table must not grow in between.
 */
int gnttab_suspend_prepare(void);
void gnttab_suspend(void);
int gnttab_resume(bool new_domain);
void gnttab_suspend_done(void);

#endif
