/*
 * The mount table's configuration: PETREL_MOUNT, a comma-separated list
 * of DEVICE:PATH[:ro|:rw] ("xvdb:/data,xvdc:/srv:ro"). Pure code, so
 * it is unit-tested; mounting the result is vfs_boot.c's job.
 */
#ifndef LIB_LIBC_MOUNT_CONFIG_H
#define LIB_LIBC_MOUNT_CONFIG_H

#define MOUNT_CONFIG_MAX 8
#define MOUNT_DEV_MAX 16
#define MOUNT_PATH_MAX 256

struct mount_spec {
	char dev[MOUNT_DEV_MAX]; /* "xvdb" */
	char path[MOUNT_PATH_MAX]; /* absolute, as given */
	int read_only;
};

/* Why an entry was refused: which one (from 1) and what is wrong. */
struct mount_config_error {
	int entry;
	const char *why;
};

/*
 * Parse text into out[MOUNT_CONFIG_MAX]: the number of mounts, or
 * -EINVAL with err filled. An empty text is no mounts.
 */
int mount_config_parse(const char *text, struct mount_spec *out,
		       struct mount_config_error *err);

#endif
