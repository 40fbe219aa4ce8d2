/* The public petrel.h API, on top of the kernel. */
#include <stdarg.h>
#include "arch/layout.h"
#include "kernel/console.h"
#include "kernel/lib/format.h"
#include "kernel/mm/mm.h"
#include "petrel/petrel.h"

#define PETREL_PRINTF_MAX 1024

int petrel_printf(const char *fmt, ...)
{
	char buf[PETREL_PRINTF_MAX];
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = kvsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (len < 0)
		return len;
	/* The app's own output: its stdout stream, as for printf. */
	console_write_stream(CONSOLE_STDOUT, buf,
			     (size_t)len < sizeof(buf) ? (size_t)len :
							 sizeof(buf) - 1);
	return len;
}

int petrel_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return len;
}

unsigned long petrel_memory_bytes(void)
{
	return mm_total_pages() << PAGE_SHIFT;
}

unsigned long petrel_free_bytes(void)
{
	return mm_free_pages() << PAGE_SHIFT;
}

