/*
 * petrel-gntmap DOMID REF: a dom0 helper for grant-table tests. Maps one
 * page granted by DOMID (read-only) through /dev/xen/gntdev, prints
 * "mapped: <text>" with the page's leading printable bytes, holds the
 * mapping until a line arrives on stdin, then unmaps and prints
 * "unmapped". Built statically on the host into the testbed's dom0.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/types.h>
#include <xen/xen.h>
#include <xen/grant_table.h>
#include <xen/gntdev.h>

#define PAGE 4096
#define SHOW_MAX 64

static int parse_u32(const char *s, uint32_t *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || !*s || *end || v > UINT32_MAX)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

static void show(const unsigned char *page)
{
	char text[SHOW_MAX + 1];
	int n = 0;

	while (n < SHOW_MAX && page[n] >= 0x20 && page[n] < 0x7f) {
		text[n] = (char)page[n];
		n++;
	}
	text[n] = '\0';
	printf("mapped: %s\n", text);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	struct ioctl_gntdev_map_grant_ref map = { .count = 1 };
	struct ioctl_gntdev_unmap_grant_ref unmap = { .count = 1 };
	char line[64];
	void *page;
	int fd;

	if (argc != 3 || parse_u32(argv[1], &map.refs[0].domid) ||
	    parse_u32(argv[2], &map.refs[0].ref)) {
		fprintf(stderr, "usage: petrel-gntmap DOMID REF\n");
		return 2;
	}
	fd = open("/dev/xen/gntdev", O_RDWR);
	if (fd < 0 || ioctl(fd, IOCTL_GNTDEV_MAP_GRANT_REF, &map) < 0) {
		printf("error: map grant %u from domain %u: %s\n",
		       map.refs[0].ref, map.refs[0].domid, strerror(errno));
		return 1;
	}
	page = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, (off_t)map.index);
	if (page == MAP_FAILED) {
		printf("error: mmap: %s\n", strerror(errno));
		return 1;
	}
	show(page);
	if (!fgets(line, sizeof(line), stdin))
		line[0] = '\0';
	unmap.index = map.index;
	if (munmap(page, PAGE) < 0 ||
	    ioctl(fd, IOCTL_GNTDEV_UNMAP_GRANT_REF, &unmap) < 0) {
		printf("error: unmap: %s\n", strerror(errno));
		return 1;
	}
	printf("unmapped\n");
	return 0;
}
