/*
 * Memory mappings, with Linux's flag values. Petrel maps anonymous
 * memory only (MAP_ANONYMOUS with MAP_PRIVATE or MAP_SHARED: zeroed,
 * page-aligned, always readable and writable, never executable);
 * mapping a file descriptor fails (ENODEV, or EBADF for a bad fd), and
 * MAP_FIXED is refused (EINVAL) since the address space is the kernel's.
 */
#ifndef _SYS_MMAN_H
#define _SYS_MMAN_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PROT_NONE 0x0
#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define PROT_EXEC 0x4

#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_ANON MAP_ANONYMOUS
#define MAP_NORESERVE 0x4000
#define MAP_POPULATE 0x8000

#define MAP_FAILED ((void *)-1)

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t offset);
int munmap(void *addr, size_t len);

#ifdef __cplusplus
}
#endif

#endif
