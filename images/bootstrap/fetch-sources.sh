#!/usr/bin/env bash
# Fetch the C library and TCP/IP stack sources Petrel builds on, from
# Debian only, into CACHEDIR/src. Cached: a second run does no network.
#   newlib 3.3.0 from the newlib-source package (/usr/src/newlib),
#   libgcc from gcc 12.2.0, from the gcc-12-source package (/usr/src/gcc-12),
#   lwIP 2.1.3 and e2fsprogs 1.47.0 (libext2fs) via `apt-get source`.
set -euo pipefail
cache=${1:?usage: fetch-sources.sh CACHEDIR}
mkdir -p "$cache/src"
cache=$(realpath "$cache") # apt resolves relative Dir:: paths under /etc/apt
src=$cache/src

fetch_newlib() {
	[ -f "$src/newlib-3.3.0/.petrel-ok" ] && return
	local tarball=/usr/src/newlib/newlib-3.3.0.tar.xz
	[ -f "$tarball" ] || {
		echo "petrel: $tarball missing (package newlib-source)" >&2
		exit 1
	}
	echo "petrel: unpacking newlib 3.3.0"
	rm -rf "$src/newlib-3.3.0" "$src/newlib-salsa"
	tar -C "$src" -xJf "$tarball"
	# The tarball's top folder is newlib-salsa, not newlib-3.3.0.
	mv "$src/newlib-salsa" "$src/newlib-3.3.0"
	touch "$src/newlib-3.3.0/.petrel-ok"
}

# Only what building libgcc needs (build-libgcc.sh): libgcc/, include/,
# the target headers and option files under gcc/, and the configure
# helpers at the top. The whole tree would be about 1 GB unpacked.
fetch_libgcc() {
	local top=gcc-12.2.0
	[ -f "$src/gcc-12/.petrel-ok" ] && return
	local tarball=/usr/src/gcc-12/$top-dfsg.tar.xz
	[ -f "$tarball" ] || {
		echo "petrel: $tarball missing (package gcc-12-source)" >&2
		exit 1
	}
	echo "petrel: unpacking libgcc from gcc 12.2.0"
	rm -rf "${src:?}/gcc-12" "${src:?}/$top"
	tar -C "$src" -xJf "$tarball" --wildcards --no-wildcards-match-slash \
		"$top/libgcc" "$top/include" "$top/config.sub" "$top/config.guess" \
		"$top/install-sh" "$top/mkinstalldirs" "$top/move-if-change" \
		"$top/config-ml.in" \
		"$top/gcc/BASE-VER" "$top/gcc/mkconfig.sh" "$top/gcc/*.h" \
		"$top/gcc/*.awk" "$top/gcc/*.opt" "$top/gcc/c-family/c.opt" \
		"$top/gcc/analyzer/analyzer.opt" "$top/gcc/config/*.h" \
		"$top/gcc/config/*.opt" "$top/gcc/config/i386/*.h" \
		"$top/gcc/config/i386/*.opt" "$top/gcc/*.def" \
		"$top/gcc/config/i386/*.def" "$top/gcc/common/config/i386/*.h"
	mv "$src/$top" "$src/gcc-12"
	touch "$src/gcc-12/.petrel-ok"
}

# `apt-get source PKG` into $src/DEST, with private apt state, so the
# system's binary package lists are never replaced (TESTBED-NOTES trap 3).
apt_source() {
	local pkg=$1 dest=$2
	[ -f "$src/$dest/.petrel-ok" ] && return
	local apt=$cache/apt
	mkdir -p "$apt/sources.list.d" "$apt/lists/partial" \
		"$apt/cache/archives/partial" "$src/$dest-download"
	cat >"$apt/sources.list.d/debian-src.sources" <<SRC
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
	: >"$apt/sources.list.empty"
	local opts=(-o "Dir::Etc::SourceParts=$apt/sources.list.d"
		-o "Dir::Etc::SourceList=$apt/sources.list.empty"
		-o "Dir::State::Lists=$apt/lists"
		-o "Dir::Cache=$apt/cache")
	echo "petrel: fetching $pkg source (apt-get source $pkg)"
	apt-get -q "${opts[@]}" update >/dev/null
	(cd "$src/$dest-download" && apt-get -q "${opts[@]}" source "$pkg" >/dev/null)
	local dir
	dir=$(find "$src/$dest-download" -maxdepth 1 -mindepth 1 -type d -name "$pkg-*" | head -n1)
	[ -n "$dir" ] || {
		echo "petrel: apt-get source $pkg produced no source tree" >&2
		exit 1
	}
	rm -rf "${src:?}/$dest"
	mv "$dir" "$src/$dest"
	rm -rf "$src/$dest-download"
	touch "$src/$dest/.petrel-ok"
}

fetch_newlib
fetch_libgcc
apt_source lwip lwip
apt_source e2fsprogs e2fsprogs
