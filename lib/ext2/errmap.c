/*
 * libext2fs's error codes (com_err numbers from ext2_err.et, or a plain
 * errno from the io_manager) as the negative errno values every Petrel
 * call returns. No e2fsprogs number ever reaches a caller: what has no
 * closer meaning is -EIO (a corrupt or unreadable filesystem).
 */
#include <errno.h>
#include "kernel/printk.h"
#include "lib/ext2/ext2_priv.h"

struct err_pair {
	errcode_t code;
	int err;
};

static const struct err_pair err_pairs[] = {
	{ EXT2_ET_FILE_NOT_FOUND, ENOENT },
	{ EXT2_ET_NO_DIRECTORY, ENOTDIR },
	{ EXT2_ET_DIR_EXISTS, EEXIST },
	{ EXT2_ET_FILE_EXISTS, EEXIST },
	{ EXT2_ET_RO_FILSYS, EROFS },
	{ EXT2_ET_FILE_RO, EBADF },
	{ EXT2_ET_NO_MEMORY, ENOMEM },
	{ EXT2_ET_BLOCK_ALLOC_FAIL, ENOSPC },
	{ EXT2_ET_INODE_ALLOC_FAIL, ENOSPC },
	{ EXT2_ET_DIR_NO_SPACE, ENOSPC },
	{ EXT2_ET_DIR_NO_SPACE_FOR_CSUM, ENOSPC },
	{ EXT2_ET_EA_NO_SPACE, ENOSPC },
	{ EXT2_ET_INLINE_DATA_NO_SPACE, ENOSPC },
	{ EXT2_ET_TOO_MANY_INODES, ENOSPC },
	{ EXT2_ET_FILE_TOO_BIG, EFBIG },
	{ EXT2_ET_SYMLINK_LOOP, ELOOP },
	{ EXT2_ET_TOO_MANY_REFS, EMLINK },
	{ EXT2_ET_INVALID_ARGUMENT, EINVAL },
	{ EXT2_ET_BAD_MAGIC, EINVAL },
	{ EXT2_ET_UNSUPP_FEATURE, EOPNOTSUPP },
	{ EXT2_ET_RO_UNSUPP_FEATURE, EOPNOTSUPP },
	{ EXT2_ET_UNIMPLEMENTED, EOPNOTSUPP },
	{ EXT2_ET_OP_NOT_SUPPORTED, EOPNOTSUPP },
	{ EXT2_ET_EXTERNAL_JOURNAL_NOSUPP, EOPNOTSUPP },
	{ EXT2_ET_MMP_FAILED, EBUSY },
	{ EXT2_ET_MMP_FSCK_ON, EBUSY },
};

/* Below this, a code is an errno the io_manager passed up. */
#define ERRNO_LIMIT 256

int ext2_errno(errcode_t code)
{
	size_t i;

	if (!code)
		return 0;
	if (code > 0 && code < ERRNO_LIMIT)
		return -(int)code;
	for (i = 0; i < sizeof(err_pairs) / sizeof(err_pairs[0]); i++)
		if (err_pairs[i].code == code)
			return -err_pairs[i].err;
	/* Corruption, most likely: worth a line, with the code to look up
	 * in e2fsprogs' lib/ext2fs/ext2_err.et. */
	printk("ext2: libext2fs error %ld (base + %ld), reported as EIO\n",
	       (long)code, (long)(code - EXT2_ET_BASE));
	return -EIO;
}
