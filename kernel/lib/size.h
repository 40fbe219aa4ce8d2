/* Sizes written by people: "1048576", "512K", "8M", "1G" (powers of 1024). */
#ifndef PETREL_KERNEL_LIB_SIZE_H
#define PETREL_KERNEL_LIB_SIZE_H

/*
 * Parse s into *bytes. Returns 0, -EINVAL for anything but digits and
 * one optional K/M/G suffix (either case), or -ERANGE when the value
 * does not fit an unsigned long.
 */
int parse_size(const char *s, unsigned long *bytes);

#endif
