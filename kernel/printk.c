/*
 * printk: format into a bounded stack buffer and write it out. Long
 * messages are truncated, with a marker, rather than split, so lines
 * from different sources never interleave mid-line.
 */
#include "kernel/console.h"
#include "kernel/lib/format.h"
#include "kernel/printk.h"

#define PRINTK_MAX 512

void vprintk(const char *fmt, va_list ap)
{
	static const char cut[] = "[...]\n";
	char buf[PRINTK_MAX];
	int len = kvsnprintf(buf, sizeof(buf), fmt, ap);

	if (len < 0)
		return;
	if ((size_t)len >= sizeof(buf)) {
		console_write(buf, sizeof(buf) - 1);
		console_write(cut, sizeof(cut) - 1);
		return;
	}
	console_write(buf, (size_t)len);
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}
