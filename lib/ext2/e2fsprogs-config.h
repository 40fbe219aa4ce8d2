/*
 * e2fsprogs' config.h for Petrel images (newlib 3.3.0 on x86_64), in
 * place of the one its configure would write: prepare-e2fsprogs.sh
 * installs it as lib/config.h of the libext2fs tree. Only what newlib
 * and lib/libc really provide is claimed; everything else (threads,
 * MMP, tdb, ioctls, mount tables) stays off, so libext2fs takes its
 * plain C paths.
 */
#ifndef PETREL_E2FSPROGS_CONFIG_H
#define PETREL_E2FSPROGS_CONFIG_H

#define HAVE_ERRNO_H 1
#define HAVE_INTTYPES_H 1
#define HAVE_STDINT_H 1
#define HAVE_STDLIB_H 1
#define HAVE_SYS_STAT_H 1
#define HAVE_SYS_TIME_H 1
#define HAVE_SYS_TYPES_H 1
#define HAVE_UNISTD_H 1
#define HAVE_INTPTR_T 1
#define HAVE_TYPE_SSIZE_T 1
#define HAVE_POSIX_MEMALIGN 1
#define HAVE_SNPRINTF 1
#define HAVE_STRDUP 1
#define HAVE_STRNLEN 1
#define HAVE_VPRINTF 1

#define SIZEOF_SHORT 2
#define SIZEOF_INT 4
#define SIZEOF_LONG 8
#define SIZEOF_LONG_LONG 8
#define SIZEOF_OFF_T 8
#define SIZEOF_TIME_T 8

#endif
