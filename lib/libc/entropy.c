/*
 * getentropy: up to 256 bytes from the kernel's entropy source (see
 * kernel/entropy.h); more is EIO, as on Linux. newlib's arc4random
 * family seeds its ChaCha20 generator from here.
 */
#include <errno.h>
#include <unistd.h>
#include "kernel/entropy.h"
#include "lib/libc/errno.h"

#define GETENTROPY_MAX 256

int getentropy(void *buf, size_t len)
{
	if (len > GETENTROPY_MAX) {
		libc_set_errno(EIO);
		return -1;
	}
	if (!buf && len) {
		libc_set_errno(EFAULT);
		return -1;
	}
	entropy_fill(buf, len);
	return 0;
}
