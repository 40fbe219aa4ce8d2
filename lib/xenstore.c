/* The public petrel/xenstore.h API. */
#include "kernel/lib/errno.h"
#include "kernel/lib/string.h"
#include "kernel/mm/kmalloc.h"
#include "kernel/xenstore.h"
#include "kernel/xenstore_wire.h"
#include "petrel/xenstore.h"

int petrel_xenstore_write(const char *path, const char *value)
{
	return xenstore_write(path, value);
}

int petrel_xenstore_read(const char *path, char *value, size_t size)
{
	return xenstore_read(path, value, size);
}

int petrel_xenstore_rm(const char *path)
{
	return xenstore_rm(XS_TX_NONE, path);
}

int petrel_xenstore_read_ulong(const char *path, unsigned long max,
			       unsigned long *out)
{
	return xenstore_read_ulong(XS_TX_NONE, path, max, out);
}

int petrel_xenstore_list(const char *path, char *buf, size_t size)
{
	return xenstore_directory(XS_TX_NONE, path, buf, size);
}

int petrel_xenstore_list_has(const char *buf, int len, const char *name)
{
	size_t offset = 0;
	const char *entry;

	if (len < 0)
		return 0;
	while (xs_wire_directory_next(buf, (size_t)len, &offset, &entry) > 0)
		if (!strcmp(entry, name))
			return 1;
	return 0;
}

int petrel_xenstore_transact(int (*body)(unsigned int tx, void *arg), void *arg)
{
	return xenstore_transact((int (*)(uint32_t, void *))body, arg);
}

int petrel_xenstore_write_tx(unsigned int tx, const char *path,
			     const char *value)
{
	return xenstore_write_tx(tx, path, value);
}

struct app_watch {
	struct xenstore_watch watch;
	void (*fn)(const char *changed_path, void *arg);
	void *arg;
	char path[XS_WATCH_PATH_MAX];
};

static void app_watch_fired(struct xenstore_watch *w, const char *changed)
{
	struct app_watch *aw = container_of(w, struct app_watch, watch);

	aw->fn(changed, aw->arg);
}

int petrel_xenstore_watch(const char *path,
			  void (*fn)(const char *changed_path, void *arg),
			  void *arg)
{
	size_t len = strnlen(path, XS_WATCH_PATH_MAX);
	struct app_watch *aw;
	int rc;

	if (len >= XS_WATCH_PATH_MAX)
		return -ENAMETOOLONG;
	aw = kmalloc(sizeof(*aw));
	if (!aw)
		return -ENOMEM;
	memcpy(aw->path, path, len + 1);
	aw->fn = fn;
	aw->arg = arg;
	aw->watch.path = aw->path;
	aw->watch.fn = app_watch_fired;
	rc = xenstore_watch_add(&aw->watch);
	if (rc < 0)
		kfree(aw);
	return rc;
}
