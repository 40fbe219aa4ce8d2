/*
 * sys/statvfs.h: filesystem statistics (POSIX), which newlib lacks.
 * The fields and flag values are Linux's, so code written for it reads
 * them the same way.
 */
#ifndef _SYS_STATVFS_H
#define _SYS_STATVFS_H

#include <sys/types.h> /* fsblkcnt_t, fsfilcnt_t */

#ifdef __cplusplus
extern "C" {
#endif

struct statvfs {
	unsigned long f_bsize; /* the filesystem's block size */
	unsigned long f_frsize; /* the unit of f_blocks, f_bfree, f_bavail */
	fsblkcnt_t f_blocks;
	fsblkcnt_t f_bfree;
	fsblkcnt_t f_bavail; /* free to unprivileged users */
	fsfilcnt_t f_files; /* inodes */
	fsfilcnt_t f_ffree;
	fsfilcnt_t f_favail;
	unsigned long f_fsid;
	unsigned long f_flag; /* ST_* */
	unsigned long f_namemax;
};

#define ST_RDONLY 1
#define ST_NOSUID 2

int statvfs(const char *path, struct statvfs *buf);
int fstatvfs(int fd, struct statvfs *buf);

#ifdef __cplusplus
}
#endif

#endif
