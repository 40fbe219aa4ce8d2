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

#endif
