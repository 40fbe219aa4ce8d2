/*
 * Parsing PETREL_MOUNT (see mount_config.h). Strict: anything that is
 * not exactly DEVICE:PATH[:ro|:rw] is refused with the entry's number,
 * because a mount the user asked for and did not get must stop the
 * boot, never be skipped.
 */
#include <errno.h>
#include <string.h>
#include "lib/libc/mount_config.h"

static int refuse(struct mount_config_error *err, int entry, const char *why)
{
	err->entry = entry;
	err->why = why;
	return -EINVAL;
}

static int device_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* The field of s[len] up to the first ':', as a count of bytes. */
static size_t field(const char *s, size_t len)
{
	const char *colon = memchr(s, ':', len);

	return colon ? (size_t)(colon - s) : len;
}

static const char *parse_entry(const char *s, size_t len, struct mount_spec *m)
{
	size_t dev = field(s, len), path, opt;

	if (!dev || dev >= MOUNT_DEV_MAX)
		return "the device name is empty or too long";
	for (size_t i = 0; i < dev; i++)
		if (!device_char(s[i]))
			return "the device name is not like xvdb";
	if (dev == len)
		return "no mount point: want DEVICE:PATH[:ro]";
	memcpy(m->dev, s, dev);
	m->dev[dev] = 0;
	s += dev + 1;
	len -= dev + 1;
	path = field(s, len);
	if (!path || s[0] != '/')
		return "the mount point is not an absolute path";
	if (path >= MOUNT_PATH_MAX)
		return "the mount point is too long";
	memcpy(m->path, s, path);
	m->path[path] = 0;
	m->read_only = 0;
	if (path == len)
		return NULL;
	s += path + 1;
	opt = len - path - 1;
	if (opt == 2 && !memcmp(s, "ro", 2))
		m->read_only = 1;
	else if (!(opt == 2 && !memcmp(s, "rw", 2)))
		return "the option after the mount point is not ro or rw";
	return NULL;
}

int mount_config_parse(const char *text, struct mount_spec *out,
		       struct mount_config_error *err)
{
	int count = 0;

	if (!*text)
		return 0;
	for (;;) {
		size_t len = strcspn(text, ",");
		const char *why;

		if (count == MOUNT_CONFIG_MAX)
			return refuse(err, count + 1, "too many mounts");
		if (!len)
			return refuse(err, count + 1, "an empty entry");
		why = parse_entry(text, len, &out[count]);
		if (why)
			return refuse(err, count + 1, why);
		count++;
		if (!text[len])
			return count;
		text += len + 1;
	}
}
