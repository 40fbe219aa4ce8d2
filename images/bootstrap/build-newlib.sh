#!/usr/bin/env bash
# Build newlib 3.3.0 (from Debian's newlib-source, unpacked by
# fetch-sources.sh) for a bare x86_64 ELF target with the host gcc, and
# install its headers and libc.a/libm.a into SYSROOT. The patches in
# patches/newlib are applied to a copy of the source. Cached: rebuilt
# only when this script (and so the flags) or a patch changes.
#   build-newlib.sh CACHEDIR SYSROOT
set -euo pipefail
cache=$(realpath "${1:?usage: build-newlib.sh CACHEDIR SYSROOT}")
sysroot=$(realpath -m "${2:?usage: build-newlib.sh CACHEDIR SYSROOT}")
src=$cache/src/newlib-3.3.0
build=$cache/newlib-build
stage=$cache/newlib-install
patches=$(dirname "$0")/patches/newlib
key=$(cat "$0" "$patches"/*.patch | sha256sum | cut -c1-16)

if [ "$(cat "$stage/.petrel-key" 2>/dev/null)" != "$key" ]; then
	[ -f "$src/.petrel-ok" ] || {
		echo "petrel: newlib source missing; run fetch-sources.sh" >&2
		exit 1
	}
	echo "petrel: building newlib 3.3.0 (about a minute)"
	# Patch a copy, so the unpacked Debian source stays pristine.
	rm -rf "$build" "$stage" "$cache/newlib-src"
	cp -a "$src" "$cache/newlib-src"
	for p in "$patches"/*.patch; do
		patch -s -d "$cache/newlib-src" -p1 <"$p" ||
			{ echo "petrel: newlib patch $p failed" >&2; exit 1; }
	done
	src=$cache/newlib-src
	mkdir -p "$build"
	# Same code model and protections as the kernel: no red zone (events
	# interrupt on the current stack), no PIC, frame pointers for
	# backtraces, canaries against the kernel's global guard, stack-clash
	# probes so a big frame cannot jump over a guard page, one section
	# per function so images keep only what they use. SSE is allowed: the
	# event upcall saves it.
	cflags="-O2 -g -ffreestanding -mno-red-zone -fno-pic -fno-pie"
	cflags+=" -fno-omit-frame-pointer -ffunction-sections -fdata-sections"
	cflags+=" -fstack-protector-strong -mstack-protector-guard=global"
	cflags+=" -fstack-clash-protection"
	# Multibyte: wide characters and the charsets setlocale knows
	# ("C.UTF-8", "en_US.UTF-8", "de_DE.ISO-8859-1"...); the tables come
	# only with the functions that use them. iconv, built in, with the
	# encodings programs ask for most, and those newlib's own iconv tests
	# use (names as in libc/iconv's encoding.aliases; an 8-bit table
	# costs about 2 KB, in programs that call iconv_open only).
	# printf/scanf of long double at full precision.
	iconv="utf_8,utf_16,utf_16le,utf_16be,ucs_4,ucs_4le,ucs_4be"
	iconv+=",ucs_2_internal,iso_8859_1,iso_8859_15,win_1252,us_ascii"
	iconv+=",iso_8859_5,koi8_r"
	features=(--enable-newlib-mb --enable-newlib-iconv
		--enable-newlib-iconv-encodings="$iconv"
		--enable-newlib-io-long-double)
	(
		cd "$build"
		"$src/configure" --target=x86_64-elf --prefix="$stage" \
			--disable-multilib --disable-newlib-supplied-syscalls \
			--disable-nls --enable-newlib-io-long-long \
			--enable-newlib-io-c99-formats --enable-newlib-register-fini \
			"${features[@]}" \
			CC_FOR_TARGET=gcc AR_FOR_TARGET=ar AS_FOR_TARGET=as \
			LD_FOR_TARGET=ld RANLIB_FOR_TARGET=ranlib NM_FOR_TARGET=nm \
			OBJDUMP_FOR_TARGET=objdump CFLAGS_FOR_TARGET="$cflags"
		make -j"$(nproc)" all-target-newlib
		make install-target-newlib
	) >"$cache/newlib-build.log" 2>&1 || {
		echo "petrel: newlib build failed; see $cache/newlib-build.log" >&2
		tail -20 "$cache/newlib-build.log" >&2
		exit 1
	}
	echo "$key" >"$stage/.petrel-key"
fi

mkdir -p "$sysroot/lib" "$sysroot/include"
cp -a "$stage/x86_64-elf/include/." "$sysroot/include/"
cp -a "$stage/x86_64-elf/lib/libc.a" "$stage/x86_64-elf/lib/libm.a" "$sysroot/lib/"
