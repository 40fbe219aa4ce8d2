#!/usr/bin/env bash
# Build libgcc.a (gcc 12.2.0's, from Debian's gcc-12-source, unpacked by
# fetch-sources.sh) for Petrel images and install it as SYSROOT/lib/libgcc.a.
# The host's libgcc.a is built with the red zone: its __int128 division and
# complex arithmetic helpers store below %rsp, where Petrel's event upcall
# (delivered on the current stack) overwrites them. This one is compiled by
# petrel-cc, so with the image ABI (no red zone, stack-clash probes, no PIC).
#
# It runs libgcc's own configure and Makefile for an x86_64 ELF target
# (x86_64-petrel-elf: what gcc configured --target=x86_64-elf builds, so
# no glibc parts), so the list of routines and their flags are gcc's. They
# expect a gcc build folder next to them; it is made here from the same
# sources: tm.h and tconfig.h by gcc's mkconfig.sh from the x86_64-elf
# header list, options.h by gcc's awk scripts from the .opt files. Only
# insn-constants.h and insn-modes.h, which gcc generates from the i386
# machine description with programs built mid-compiler-build, come from
# Debian's gcc-12-plugin-dev (the same gcc 12.2.0 machine description).
# The thread model is "single" (Petrel's threads are cooperative), and
# the code is not PIC, as everything else in an image.
# Cached: rebuilt only when this script or petrel-cc (the flags) changes.
#   build-libgcc.sh CACHEDIR SYSROOT
set -euo pipefail
cache=$(realpath "${1:?usage: build-libgcc.sh CACHEDIR SYSROOT}")
sysroot=$(realpath -m "${2:?usage: build-libgcc.sh CACHEDIR SYSROOT}")
here=$(cd "$(dirname "$0")" && pwd)
petrel_cc=$(realpath "$here/../../sdk/bin/petrel-cc")
src=$cache/src/gcc-12
work=$cache/libgcc-build
stage=$cache/libgcc-install
plugin_inc=$(gcc -print-file-name=plugin)/include
key=$(cat "$0" "$petrel_cc" | sha256sum | cut -c1-16)

die() {
	echo "petrel: $*" >&2
	exit 1
}

# The generated headers libgcc includes from gcc's build folder.
make_gcc_headers() { # DIR
	local dir=$1 gcc=$src/gcc f
	mkdir -p "$dir/include"
	# options.h: every option the C compiler knows, for x86_64.
	LC_ALL=C awk -f "$gcc/opt-gather.awk" "$gcc/c-family/c.opt" \
		"$gcc/common.opt" "$gcc/params.opt" "$gcc/analyzer/analyzer.opt" \
		"$gcc/config/i386/i386.opt" "$gcc/config/fused-madd.opt" \
		>"$dir/optionlist"
	awk -f "$gcc/opt-functions.awk" -f "$gcc/opt-read.awk" \
		-f "$gcc/opth-gen.awk" <"$dir/optionlist" >"$dir/options.h"
	# tm.h: gcc/config.gcc's tm_file for x86_64-*-elf*, in its order.
	local tm=(vxworks-dummy.h i386/biarch64.h i386/i386.h i386/unix.h
		i386/att.h dbxelf.h elfos.h newlib-stdint.h i386/i386elf.h
		i386/x86-64.h)
	local headers="options.h insn-constants.h"
	for f in "${tm[@]}"; do
		headers+=" config/$f"
	done
	(cd "$dir" && HEADERS="$headers defaults.h" DEFINES="" \
		sh "$gcc/mkconfig.sh" tm.h &&
		HEADERS="auto-host.h ansidecl.h" DEFINES="USED_FOR_TARGET" \
			sh "$gcc/mkconfig.sh" tconfig.h) 2>/dev/null
	# auto-host.h: of gcc's configure results, libgcc reads only what the
	# assembler can do; binutils has hidden symbols.
	echo '#define HAVE_GAS_HIDDEN 1' >"$dir/auto-host.h"
	for f in insn-constants.h insn-modes.h insn-modes-inline.h; do
		[ -f "$plugin_inc/$f" ] || die "$plugin_inc/$f missing (package gcc-12-plugin-dev)"
		cp "$plugin_inc/$f" "$dir/"
	done
	# What gcc's Makefile hands libgcc (its libgcc.mvars). The compiler
	# is petrel-cc, which adds the image ABI and newlib's headers.
	cat >"$dir/libgcc.mvars" <<MVARS
GCC_CFLAGS = -DIN_GCC -DCROSS_DIRECTORY_STRUCTURE -W -Wall -Wno-narrowing -Wwrite-strings -Wcast-qual -Wstrict-prototypes -Wmissing-prototypes -Wold-style-definition
INHIBIT_LIBC_CFLAGS =
TARGET_SYSTEM_ROOT =
NO_PIE_CFLAGS = -fno-PIE
MVARS
}

build() {
	[ -f "$src/.petrel-ok" ] || die "libgcc source missing; run fetch-sources.sh"
	echo "petrel: building libgcc from gcc 12.2.0 (about a minute)"
	rm -rf "$work" "$stage"
	make_gcc_headers "$work/gcc"
	# libgcc finds gcc's build folder at ../../gcc from its own.
	mkdir -p "$work/x86_64-petrel-elf/libgcc" "$stage"
	(
		cd "$work/x86_64-petrel-elf/libgcc"
		"$src/libgcc/configure" --srcdir="$src/libgcc" \
			--build=x86_64-pc-linux-gnu --host=x86_64-petrel-elf \
			--disable-shared --disable-multilib CC="$petrel_cc" \
			AR=ar RANLIB=ranlib NM=nm CFLAGS="-O2 -g"
		# x86_64-elf's t-libgcc-pic adds $(PICFLAG): images are not PIC.
		make -j"$(nproc)" thread_header=gthr-single.h PICFLAG= libgcc.a
	) >"$cache/libgcc-build.log" 2>&1 || {
		tail -20 "$cache/libgcc-build.log" >&2
		die "libgcc build failed; see $cache/libgcc-build.log"
	}
	cp "$work/x86_64-petrel-elf/libgcc/libgcc.a" "$stage/"
	echo "$key" >"$stage/.petrel-key"
}

[ "$(cat "$stage/.petrel-key" 2>/dev/null)" = "$key" ] || build
mkdir -p "$sysroot/lib"
cp "$stage/libgcc.a" "$sysroot/lib/libgcc.a"
