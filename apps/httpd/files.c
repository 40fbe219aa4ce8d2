/* files.c: finding and reading what httpd serves (embedded files and /big.bin). */
#include "files.h"

#include <string.h>

static const struct file big = { BIG_PATH, "application/octet-stream", NULL,
				 BIG_SIZE };

/* splitmix64 (Steele, Lea, Flood 2014) of k: a counter-based generator, so any part of
 * /big.bin is made without the rest. */
uint64_t big_word(uint64_t k)
{
	uint64_t z = (k + 1) * 0x9e3779b97f4a7c15ull;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static void big_read(size_t off, unsigned char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++, off++)
		buf[i] = (unsigned char)(big_word(off / 8) >> (8 * (off % 8)));
}

const struct file *files_lookup(const char *target)
{
	size_t len = strcspn(target, "?#");

	if (len == 1 && target[0] == '/')
		target = "/index.html", len = strlen(target);
	if (len == strlen(BIG_PATH) && !memcmp(target, BIG_PATH, len))
		return &big;
	for (size_t i = 0; i < www_nfiles; i++)
		if (strlen(www_files[i].path) == len &&
		    !memcmp(www_files[i].path, target, len))
			return &www_files[i];
	return NULL;
}

size_t files_read(const struct file *f, size_t off, unsigned char *buf,
		  size_t n)
{
	if (off >= f->size)
		return 0;
	if (n > f->size - off)
		n = f->size - off;
	if (f->data)
		memcpy(buf, f->data + off, n);
	else
		big_read(off, buf, n);
	return n;
}
