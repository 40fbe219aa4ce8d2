/* files.h: what httpd serves: files embedded at build time (www.c, made by mkwww.sh from
 * www/), /big.bin, 1 MiB of deterministic pseudo-random bytes made on the fly, and with
 * --root DIR the files of the tree under DIR (a ramdisk, a disk), which come first. */
#ifndef HTTPD_FILES_H
#define HTTPD_FILES_H

#include <stddef.h>
#include <stdint.h>

struct file {
	const char *path; /* "/index.html" */
	const char *type; /* Content-Type */
	const unsigned char *data; /* NULL: generated (see files_read) */
	size_t size;
	int from_tree; /* a file of the --root tree, open as fd */
	int fd;
};

/* The embedded files (www.c). */
extern const struct file www_files[];
extern const size_t www_nfiles;

/* Serve the tree under dir too (before the embedded files). */
void files_set_root(const char *dir);

/* The file for a request target ("/" is "/index.html", a directory of the tree its
 * index.html; a query is ignored), or NULL. A file of the tree is opened into *scratch:
 * files_release closes it. */
const struct file *files_lookup(const char *target, struct file *scratch);
void files_release(struct file *f);

/* The target's path made canonical into out[size]: %XX decoded, "." and "//" dropped,
 * ".." climbing at most to "/" (so a name never leaves the root). -1 if malformed. */
int files_url_path(const char *target, size_t len, char *out, size_t size);

/* Copy up to n bytes of f from offset off into buf; returns how many. */
size_t files_read(const struct file *f, size_t off, unsigned char *buf,
		  size_t n);

/* /big.bin's bytes: 8-byte little-endian words, word k being splitmix64(k). */
#define BIG_PATH "/big.bin"
#define BIG_SIZE (1u << 20)
uint64_t big_word(uint64_t k);

#endif
