#!/usr/bin/env bash
# Make the libext2fs tree Petrel compiles (lib/ext2): a copy of the
# cached e2fsprogs 1.47.0 source (lib/ext2fs, lib/et's headers and
# version.h only) with the patches in patches/e2fsprogs applied in name
# order, and the files e2fsprogs' configure and make would generate:
#   lib/config.h          the target's facts (lib/ext2/e2fsprogs-config.h)
#   ext2fs/ext2_types.h   x86_64 sizes (int 4, long 8, long long 8)
#   ext2fs/ext2_err.[ch]  the error table, by lib/et's own awk scripts
#   ext2fs/crc32c_table.h by gen_crc32ctable, built for the host
# The cache itself is never edited.
#   prepare-e2fsprogs.sh CACHEDIR DESTDIR
set -euo pipefail
cache=${1:?usage: prepare-e2fsprogs.sh CACHEDIR DESTDIR}
dest=${2:?usage: prepare-e2fsprogs.sh CACHEDIR DESTDIR}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
src=$cache/src/e2fsprogs
[ -d "$src/lib/ext2fs" ] || {
	echo "petrel: $src/lib/ext2fs missing (run fetch-sources.sh)" >&2
	exit 1
}
tmp=$dest.tmp
rm -rf "$tmp"
mkdir -p "$tmp/lib"
cp -r "$src/lib/ext2fs" "$src/lib/et" "$tmp/lib/"
cp "$src/version.h" "$tmp/"
for p in "$here"/patches/e2fsprogs/*.patch; do
	[ -e "$p" ] || continue
	patch -s -d "$tmp" -p1 <"$p" ||
		{ echo "petrel: e2fsprogs patch $p failed" >&2; exit 1; }
done
cp "$top/lib/ext2/e2fsprogs-config.h" "$tmp/lib/config.h"

fs=$tmp/lib/ext2fs
: >"$tmp/empty.h"
printf '#define HAVE_SYS_TYPES_H 1\n#undef WORDS_BIGENDIAN\n' >"$tmp/public.h"
sed -e 's/@SIZEOF_SHORT@/2/g' -e 's/@SIZEOF_INT@/4/g' \
	-e 's/@SIZEOF_LONG@/8/g' -e 's/@SIZEOF_LONG_LONG@/8/g' \
	-e "/@ASM_TYPES_HEADER@/{r $tmp/empty.h" -e 'd}' \
	-e "/@PUBLIC_CONFIG_HEADER@/{r $tmp/public.h" -e 'd}' \
	"$fs/ext2_types.h.in" >"$fs/ext2_types.h"
version=$(sed -n 's/^#define E2FSPROGS_VERSION "\(.*\)"/\1/p' "$tmp/version.h")
sed -e "s/@E2FSPROGS_VERSION@/$version/" "$fs/ext2_err.et.in" >"$fs/ext2_err.et"
(cd "$fs" && LC_ALL=C awk -f ../et/et_h.awk outfile=ext2_err.h outfn=ext2_err.h ext2_err.et &&
	LC_ALL=C awk -f ../et/et_c.awk outfile=ext2_err.c outfn=ext2_err.c ext2_err.et)
gcc -O2 -o "$tmp/gen_crc32ctable" "$fs/gen_crc32ctable.c"
"$tmp/gen_crc32ctable" >"$fs/crc32c_table.h"
rm -f "$tmp/gen_crc32ctable" "$tmp/empty.h" "$tmp/public.h"
rm -rf "$dest"
mv "$tmp" "$dest"
