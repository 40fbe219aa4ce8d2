/* files.h: what httpd serves: files embedded at build time (www.c, made by mkwww.sh from
 * www/) and /big.bin, 1 MiB of deterministic pseudo-random bytes made on the fly, with its
 * first 1 KiB and 64 KiB as /1k.bin and /64k.bin. */
#ifndef HTTPD_FILES_H
#define HTTPD_FILES_H

#include <stddef.h>
#include <stdint.h>

struct file {
	const char *path; /* "/index.html" */
	const char *type; /* Content-Type */
	const unsigned char *data; /* NULL: generated (see files_read) */
	size_t size;
};

/* The embedded files (www.c). */
extern const struct file www_files[];
extern const size_t www_nfiles;

/* The file for a request target ("/" is "/index.html"; a query is ignored), or NULL. */
const struct file *files_lookup(const char *target);

/* Copy up to n bytes of f from offset off into buf; returns how many. */
size_t files_read(const struct file *f, size_t off, unsigned char *buf,
		  size_t n);

/* /big.bin's bytes: 8-byte little-endian words, word k being splitmix64(k). */
#define BIG_PATH "/big.bin"
#define BIG_SIZE (1u << 20)
uint64_t big_word(uint64_t k);

#endif
