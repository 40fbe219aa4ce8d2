/*
 * Case-insensitive directories (the casefold feature) are not
 * supported: libext2fs's nls_utf8.c would add 70 KB of Unicode tables
 * to every image that mounts a disk, for a feature mke2fs leaves off.
 * It is not built; openfs.c's one call lands here, and ext2_mount
 * refuses a casefold filesystem before anything hashes a name.
 */
#include "lib/ext2/ext2_priv.h"

const struct ext2fs_nls_table *ext2fs_load_nls_table(int encoding)
{
	(void)encoding;
	return NULL;
}
