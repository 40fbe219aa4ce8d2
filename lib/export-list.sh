#!/usr/bin/env bash
# Print the global names libpetrel keeps visible to apps; every other
# global of the kernel is made local, so an app may define panic,
# list_add or printk freely. Visible are:
#   - petrel_* (the SDK's API) and the few names the compiler's code
#     refers to (_start, __stack_chk_guard, __stack_chk_fail);
#   - names the libc glue (lib/libc) defines that newlib refers to
#     (_read, _sbrk, _init, ...) or that the sysroot's headers declare
#     (the standard C/POSIX names: read, pthread_create, ...).
# Internal helpers of lib/libc (fd_get, handle_new, ...) are local too.
#   export-list.sh SYSROOT LIBC_OBJECTS... -- ALL_OBJECTS...
set -euo pipefail
sysroot=$1
shift
libc_objs=()
while [ "$1" != -- ]; do
	libc_objs+=("$1")
	shift
done
shift

defined() { nm -g --defined-only "$@" | awk 'NF == 3 { print $3 }' | sort -u; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
nm -u "$sysroot/lib/libc.a" "$sysroot/lib/libm.a" 2>/dev/null |
	awk '$1 == "U" { print $2 }' | sort -u >"$tmp/newlib-wants"
# Every identifier-like word in the installed headers.
grep -rhoE '\b[A-Za-z_][A-Za-z0-9_]*\b' "$sysroot/include" | sort -u \
	>"$tmp/header-words"
defined "${libc_objs[@]}" >"$tmp/libc"
{
	defined "$@" | grep -E '^(petrel_|_start$|__stack_chk_(guard|fail)$)' || true
	comm -12 "$tmp/libc" <(sort -u "$tmp/newlib-wants" "$tmp/header-words")
} | sort -u
