/* files.c: finding and reading what httpd serves (embedded files and the generated ones). */
#include "files.h"

#include <string.h>

/* /big.bin for the tests; the smaller ones, its first bytes, for benchmarks (bench/). */
static const struct file generated[] = {
	{ BIG_PATH, "application/octet-stream", NULL, BIG_SIZE },
	{ "/64k.bin", "application/octet-stream", NULL, 64 << 10 },
	{ "/1k.bin", "application/octet-stream", NULL, 1 << 10 },
};

/* splitmix64 (Steele, Lea, Flood 2014) of k: a counter-based generator, so any part of
 * /big.bin is made without the rest. */
uint64_t big_word(uint64_t k)
{
	uint64_t z = (k + 1) * 0x9e3779b97f4a7c15ull;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* Whole words at a time where it can: benchmarks should measure the network, not this. */
static void big_read(size_t off, unsigned char *buf, size_t n)
{
	while (n) {
		uint64_t w = big_word(off / 8);
		size_t skip = off % 8, take = 8 - skip < n ? 8 - skip : n;

		for (size_t i = 0; i < take; i++)
			buf[i] = (unsigned char)(w >> (8 * (skip + i)));
		buf += take, off += take, n -= take;
	}
}

static const struct file *find(const struct file *files, size_t nfiles,
			       const char *target, size_t len)
{
	for (size_t i = 0; i < nfiles; i++)
		if (strlen(files[i].path) == len &&
		    !memcmp(files[i].path, target, len))
			return &files[i];
	return NULL;
}

const struct file *files_lookup(const char *target)
{
	size_t len = strcspn(target, "?#");

	if (len == 1 && target[0] == '/')
		target = "/index.html", len = strlen(target);
	const struct file *f = find(www_files, www_nfiles, target, len);

	return f ? f :
		   find(generated, sizeof(generated) / sizeof(generated[0]),
			target, len);
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
