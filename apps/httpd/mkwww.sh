#!/bin/sh
# mkwww.sh DIR: print www.c, the C arrays of every file in DIR (not recursive) that httpd
# serves as /NAME. The top Makefile runs it when DIR changes; www.c is checked in, so that
# `petrel-cc *.c` alone builds httpd too.
set -eu
dir=$1
echo '/* www.c: the files httpd serves, made by mkwww.sh from www/. Do not edit. */'
echo '/* clang-format off */'
echo '#include "files.h"'
n=0
for f in "$dir"/*; do
	[ -f "$f" ] || continue
	echo
	echo "static const unsigned char file$n[] = {"
	od -An -v -tx1 "$f" | sed -e 's/ *\([0-9a-f][0-9a-f]\)/0x\1, /g' -e 's/, $/,/' -e 's/^/\t/'
	echo '};'
	n=$((n + 1))
done
echo
echo 'const struct file www_files[] = {'
n=0
for f in "$dir"/*; do
	[ -f "$f" ] || continue
	name=$(basename "$f")
	case $name in
	*.html) type='text/html; charset=utf-8' ;;
	*.css) type='text/css' ;;
	*.js) type='text/javascript' ;;
	*.txt) type='text/plain; charset=utf-8' ;;
	*.svg) type='image/svg+xml' ;;
	*.png) type='image/png' ;;
	*.json) type='application/json' ;;
	*) type='application/octet-stream' ;;
	esac
	printf '\t{ .path = "/%s", .type = "%s", .data = file%d, .size = sizeof(file%d) },\n' \
		"$name" "$type" "$n" "$n"
	n=$((n + 1))
done
echo '};'
echo
echo 'const size_t www_nfiles = sizeof(www_files) / sizeof(www_files[0]);'
