/*
 * Xenstore access for apps. Paths without a leading '/' are relative to
 * the domain's home, /local/domain/<domid>. Errors are negative errno.
 */
#ifndef PETREL_XENSTORE_H
#define PETREL_XENSTORE_H

#include <stddef.h>

int petrel_xenstore_write(const char *path, const char *value);
/* Returns the value length; value is NUL-terminated. */
int petrel_xenstore_read(const char *path, char *value, size_t size);
int petrel_xenstore_rm(const char *path);
/* A strict decimal number no larger than max. */
int petrel_xenstore_read_ulong(const char *path, unsigned long max,
			       unsigned long *out);

/* Child names, NUL-separated, into buf; returns the byte length. */
int petrel_xenstore_list(const char *path, char *buf, size_t size);
/* Whether a list from petrel_xenstore_list holds name. */
int petrel_xenstore_list_has(const char *buf, int len, const char *name);

/* Run body inside a transaction, retried while it conflicts. */
int petrel_xenstore_transact(int (*body)(unsigned int tx, void *arg),
			     void *arg);
int petrel_xenstore_write_tx(unsigned int tx, const char *path,
			     const char *value);

/* fn runs in the xenwatch thread; it fires once right after creation. */
int petrel_xenstore_watch(const char *path,
			  void (*fn)(const char *changed_path, void *arg),
			  void *arg);

#endif
