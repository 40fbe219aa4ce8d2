/*
 * Per-thread TLS blocks. The linker places the TLS template (.tdata
 * then .tbss) in read-only memory; each thread's copy sits directly
 * below its thread pointer, which points at a TCB whose first word is
 * the thread pointer itself (code reads %fs:0 to form addresses).
 */
#include <stdint.h>
#include "kernel/lib/string.h"
#include "kernel/tls.h"

/* From the linker script (arch/x86_64/petrel.ld). */
extern const char _tls_start[], _tdata_end[], _tls_end[];
extern const char _tls_align[];

#define TCB_SIZE 16 /* the self-pointer, and 16-byte alignment */

static uintptr_t align_up(uintptr_t v, uintptr_t a)
{
	return (v + a - 1) & ~(a - 1);
}

static uintptr_t tls_alignment(void)
{
	uintptr_t align = (uintptr_t)_tls_align;

	return align < TCB_SIZE ? TCB_SIZE : align;
}

static size_t tls_image_size(void)
{
	return (size_t)(_tls_end - _tls_start);
}

/* The block's size rounded as the linker rounds it for %fs offsets. */
static size_t tls_block_size(void)
{
	return align_up(tls_image_size(), tls_alignment());
}

size_t tls_area_size(void)
{
	if (!tls_image_size())
		return 0;
	return tls_block_size() + TCB_SIZE + tls_alignment() - 1;
}

unsigned long tls_area_init(void *area_end)
{
	uintptr_t tp, block;
	size_t data = (size_t)(_tdata_end - _tls_start);

	if (!tls_area_size())
		return 0;
	tp = ((uintptr_t)area_end - TCB_SIZE) & ~(tls_alignment() - 1);
	block = tp - tls_block_size();
	memcpy((void *)block, _tls_start, data);
	memset((char *)block + data, 0, tls_block_size() - data);
	*(uintptr_t *)tp = tp;
	return tp;
}
