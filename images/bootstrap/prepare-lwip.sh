#!/usr/bin/env bash
# Make the lwIP tree Petrel compiles: a copy of the cached lwIP 2.1.3
# source (src/ only) with the patches in patches/lwip applied in name
# order. The cache itself is never edited.
#   prepare-lwip.sh CACHEDIR DESTDIR
set -euo pipefail
cache=${1:?usage: prepare-lwip.sh CACHEDIR DESTDIR}
dest=${2:?usage: prepare-lwip.sh CACHEDIR DESTDIR}
patches=$(dirname "$0")/patches/lwip
[ -d "$cache/src/lwip/src" ] || {
	echo "petrel: $cache/src/lwip/src missing (run fetch-sources.sh)" >&2
	exit 1
}
rm -rf "$dest.tmp"
mkdir -p "$dest.tmp"
cp -r "$cache/src/lwip/src" "$dest.tmp/src"
for p in "$patches"/*.patch; do
	[ -e "$p" ] || continue
	patch -s -d "$dest.tmp" -p1 <"$p" ||
		{ echo "petrel: lwIP patch $p failed" >&2; exit 1; }
done
rm -rf "$dest"
mv "$dest.tmp" "$dest"
