#!/usr/bin/env bash
# sdk-tools.sh: the SDK's build tools, without booting anything:
# `petrel new` + `petrel build`, petrel-cc's gcc-style probes and separate
# compile/archive/link, and pkg-config's petrel.pc with plain gcc.
# Prints PASS/FAIL lines; exits non-zero if any failed.
# Needs `make` done (the sysroot and petrel.pc); no root, no network.
# shellcheck disable=SC2317 # the t_* functions run through check
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/test/integration/sdk-lib.sh"
petrel=$top/sdk/bin/petrel
pcc=$top/sdk/bin/petrel-cc
export PKG_CONFIG_PATH=$top/build/sysroot/lib/pkgconfig
sysroot=$(readlink -m "$top/build/sysroot")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0

t_new() {
	"$petrel" new "$tmp/app1" || return 1
	if [ ! -f "$tmp/app1/main.c" ] || [ ! -f "$tmp/app1/Makefile" ]; then
		echo "no main.c/Makefile"
		return 1
	fi
	# Refusals: an existing folder (left untouched) and a bad name.
	! "$petrel" new "$tmp/app1" 2>/dev/null || { echo "overwrote a folder"; return 1; }
	! "$petrel" new "$tmp/9-bad name" 2>/dev/null || { echo "took a bad name"; return 1; }
	[ ! -e "$tmp/9-bad name" ]
}

t_build() {
	local image
	image=$("$petrel" build "$tmp/app1") || return 1
	[ "$image" = "$tmp/app1/app1" ] || { echo "printed '$image'"; return 1; }
	xen_image "$image" || return 1
	[ -f "$image.cfg" ] || { echo "no $image.cfg"; return 1; }
	# No Makefile: a clear error, not a traceback.
	mkdir "$tmp/nomake"
	! "$petrel" build "$tmp/nomake" 2>"$tmp/err" && grep -q 'no Makefile' "$tmp/err"
}

# Build systems probe the compiler (CMake: --version, -v, -print-*); these
# must behave as gcc's and leave no a.out.cfg behind.
t_probes() {
	(cd "$tmp" && "$pcc" --version >/dev/null && "$pcc" -dumpversion >/dev/null &&
		"$pcc" -v 2>/dev/null && [ -f "$("$pcc" -print-libgcc-file-name)" ]) || return 1
	[ ! -e "$tmp/a.out.cfg" ] || { echo "a probe wrote a.out.cfg"; return 1; }
}

# Objects compiled on their own, one of them in a static archive, then linked.
t_separate() {
	printf 'int twice(int x);\nint main(void) { return twice(21) - 42; }\n' >"$tmp/a.c"
	printf 'int twice(int x) { return 2 * x; }\n' >"$tmp/b.c"
	"$pcc" -O2 -c "$tmp/a.c" -o "$tmp/a.o" && "$pcc" -O2 -c "$tmp/b.c" -o "$tmp/b.o" &&
		ar rcs "$tmp/libb.a" "$tmp/b.o" &&
		"$pcc" "$tmp/a.o" -L "$tmp" -lb -o "$tmp/sep" || return 1
	xen_image "$tmp/sep"
}

t_pkgconfig() {
	local cflags libs
	cflags=$(pkg-config --cflags petrel) && libs=$(pkg-config --libs petrel) || return 1
	# The SDK's libgcc, and the specs that keep gcc's host folders out.
	case " $libs " in
	*" $sysroot/lib/libgcc.a "*"-specs="* | *"-specs="*" $sysroot/lib/libgcc.a "*) ;;
	*)
		echo "pkg-config --libs lacks the SDK's libgcc.a or petrel.specs: $libs"
		return 1
		;;
	esac
	printf '#include <stdio.h>\nint main(void) { puts("pc"); return 0; }\n' >"$tmp/pc.c"
	# shellcheck disable=SC2086 # the flags are word lists
	gcc -O2 $cflags -c "$tmp/pc.c" -o "$tmp/pc.o" && gcc "$tmp/pc.o" $libs -o "$tmp/pc" ||
		return 1
	xen_image "$tmp/pc"
}

# petrel.pc duplicates petrel-cc's ABI flags: the compiler proper (cc1)
# must get the same command line from both (but for its temporary file).
# Only the line whose command is cc1 counts: gcc's temporary files are
# named cc*, so the assembler's line can contain "cc1" too.
cc1_line() {
	(cd "$tmp" && "$@" -O2 -### -c pc.c -o pc.o 2>&1) |
		awk '$1 ~ /\/cc1"?$/' | sed 's|-o [^ ]*\.s|-o TMP.s|'
}
t_pkgconfig_flags() {
	local a b
	# shellcheck disable=SC2046
	a=$(cc1_line "$pcc") && b=$(cc1_line gcc $(pkg-config --cflags petrel)) || return 1
	if [ -z "$a" ] || [ "$a" != "$b" ]; then
		echo "petrel-cc: $a / pkg-config: $b"
		return 1
	fi
}

# The toolchain never reaches the host's libraries (issue 7). A program
# calling libm at run time, linked with -lm (and the -lpthread -lrt -lc
# programs carry from Linux): it links, against the sysroot only.
sin_prog() {
	printf '#include <math.h>\n#include <stdio.h>\n' >"$tmp/sin.c"
	printf 'int main(void) { volatile double x = 0.5; printf("%%f\\n", sin(x)); return 0; }\n' \
		>>"$tmp/sin.c"
}
t_libm() {
	sin_prog
	"$pcc" -O2 "$tmp/sin.c" -lm -o "$tmp/sin" || return 1
	xen_image "$tmp/sin" || return 1
	"$pcc" -O2 "$tmp/sin.c" -lm -lpthread -lrt -lc -o "$tmp/sin2" || return 1
	xen_image "$tmp/sin2"
}

# What the linker is told and what it opens: no folder but the sysroot's
# and the user's. gcc hands ld its own -L folders (the host's) unless
# petrel-cc stops it.
t_link_dirs() {
	local line opened bad
	sin_prog
	mkdir -p "$tmp/mylibs"
	"$pcc" -O2 "$tmp/sin.c" -L"$tmp/mylibs" -lm -o "$tmp/sin" -v >"$tmp/v.txt" 2>&1
	line=$(grep -E '/(collect2|ld)"? ' "$tmp/v.txt") ||
		{ echo "no link line in -v output"; return 1; }
	bad=$(tr ' ' '\n' <<<"$line" | grep -E '^-L' |
		grep -vxF -e "-L$tmp/mylibs" -e "-L$sysroot/lib")
	[ -z "$bad" ] || { echo "the linker is given host folders: $bad"; return 1; }
	opened=$("$pcc" -O2 "$tmp/sin.c" -L"$tmp/mylibs" -lm -o "$tmp/sin" \
		-Wl,--verbose 2>&1 | sed -n 's/^attempt to open \(.*\) \(succeeded\|failed\)$/\1/p')
	[ -n "$opened" ] || { echo "ld --verbose shows no file opened"; return 1; }
	bad=$(grep -v -e "^$sysroot/lib/" -e "^$tmp/" -e '^/tmp/' <<<"$opened")
	[ -z "$bad" ] || { echo "ld opened: $bad"; return 1; }
	# A library named straight to ld is not looked up on the host either.
	! "$pcc" -O2 "$tmp/sin.c" -Wl,-lz -o "$tmp/sinz" 2>/dev/null ||
		{ echo "-Wl,-lz linked (the host's libz)"; return 1; }
}

# A library the SDK does not have is an error naming where it looked
# (today the host's glibc-built libz.a links silently).
t_missing_lib() {
	sin_prog
	if "$pcc" -O2 "$tmp/sin.c" -lz -o "$tmp/sinz" 2>"$tmp/err"; then
		echo "-lz linked"
		return 1
	fi
	grep -q "libz.a not found in $sysroot/lib" "$tmp/err" ||
		{ echo "unclear error: $(cat "$tmp/err")"; return 1; }
}

# The probes configure scripts and CMake make describe the SDK.
t_probe_answers() {
	local got dirs
	expect() { # option, expected answer
		got=$("$pcc" "$1") || return 1
		[ "$got" = "$2" ] || { echo "$1 says '$got', not '$2'"; return 1; }
	}
	expect -dumpmachine x86_64-petrel-elf &&
		expect -print-file-name=libc.a "$sysroot/lib/libc.a" &&
		expect -print-file-name=libm.a "$sysroot/lib/libm.a" &&
		expect -print-file-name=libz.a libz.a &&
		expect -print-libgcc-file-name "$sysroot/lib/libgcc.a" &&
		expect -print-multi-os-directory . || return 1
	dirs=$("$pcc" -print-search-dirs | sed -n 's/^libraries: =//p')
	[ "$dirs" = "$sysroot/lib" ] || { echo "library search dirs: $dirs"; return 1; }
	# "include" is the compiler's own headers, which petrel-cc compiles with.
	got=$("$pcc" -print-file-name=include)
	[ -f "$got/stddef.h" ] || { echo "-print-file-name=include: $got has no stddef.h"; return 1; }
	echo 'int x;' >"$tmp/inc.c"
	"$pcc" -v -c "$tmp/inc.c" -o "$tmp/inc.o" >"$tmp/v.txt" 2>&1 || return 1
	grep -qxF " $got" "$tmp/v.txt" ||
		{ echo "$got is not on petrel-cc's include path"; return 1; }
}

# C++ is refused with a clear message (not compiled for the host).
t_cxx_refused() {
	echo 'int main() { return 0; }' >"$tmp/x.cpp"
	cp "$tmp/x.cpp" "$tmp/x.c"
	refused() { # what, petrel-cc arguments...
		local what=$1
		shift
		if "$pcc" "$@" 2>"$tmp/err" ||
			! grep -q 'C++ is not supported by Petrel' "$tmp/err"; then
			echo "$what: not refused: $(cat "$tmp/err")"
			return 1
		fi
	}
	refused .cpp "$tmp/x.cpp" -o "$tmp/x" &&
		refused '-x c++' -x c++ -c "$tmp/x.c" -o "$tmp/x.o" || return 1
	[ ! -e "$tmp/x" ] && [ ! -e "$tmp/x.o" ]
}

# The red-zone scan (test/integration/redzone.sh) catches the bug it is
# for: __int128 division linked with the host's libgcc (built with the
# red zone) fails it; with the SDK's libgcc it passes.
t_redzone_scan() {
	local out
	printf 'unsigned __int128 q(unsigned __int128 a, unsigned __int128 b)\n{ return a %% b + a / b; }\n' \
		>"$tmp/div.c"
	"$pcc" -O2 -c "$tmp/div.c" -o "$tmp/div.o" &&
		ld -r -o "$tmp/host-libgcc.o" "$tmp/div.o" "$(gcc -print-libgcc-file-name)" &&
		ld -r -o "$tmp/sdk-libgcc.o" "$tmp/div.o" "$sysroot/lib/libgcc.a" || return 1
	if out=$(bash "$top/test/integration/redzone.sh" "$tmp/host-libgcc.o"); then
		echo "host libgcc passed the scan: $out"
		return 1
	fi
	grep -q '^FAIL: .*__udivmodti4' <<<"$out" || { echo "scan said: $out"; return 1; }
	out=$(bash "$top/test/integration/redzone.sh" "$tmp/sdk-libgcc.o") ||
		{ echo "SDK libgcc: $out"; return 1; }
	# Every libgcc object was compiled with the image ABI.
	readelf --debug-dump=info "$sysroot/lib/libgcc.a" >"$tmp/producers" 2>/dev/null
	if ! grep -q DW_AT_producer "$tmp/producers" ||
		grep DW_AT_producer "$tmp/producers" | grep -v -e '-mno-red-zone' |
		grep -q 'GNU C'; then
		echo "an object in the SDK's libgcc.a was built without -mno-red-zone"
		return 1
	fi
}

# ext2/3/4 is linked only on request: --with-ext2, -lpetrel-ext2 or
# pkg-config's petrel-ext2, and then beside an app that defines names
# the ext2 code uses inside the SDK (printk, blkdev_find).
t_ext2_on_request() {
	local cflags libs
	printf '#include <fcntl.h>\nint printk(void) { return 1; }\nint blkdev_find(void) { return 2; }\nint main(void) { return open("/data/x", O_RDONLY) < 0 ? printk() : blkdev_find(); }\n' >"$tmp/fs.c"
	"$pcc" -O2 "$tmp/fs.c" -o "$tmp/fs-plain" &&
		"$pcc" -O2 --with-ext2 "$tmp/fs.c" -o "$tmp/fs-with" &&
		"$pcc" -O2 "$tmp/fs.c" -lpetrel-ext2 -o "$tmp/fs-l" || return 1
	cflags=$(pkg-config --cflags petrel-ext2) && libs=$(pkg-config --libs petrel-ext2) || return 1
	# shellcheck disable=SC2086 # the flags are word lists
	gcc -O2 $cflags "$tmp/fs.c" $libs -o "$tmp/fs-pc" || return 1
	# (nm to a file: grep -q would end the pipe early, and pipefail.)
	nm "$tmp/fs-plain" >"$tmp/nm" || return 1
	if grep -q ' [TW] __petrel_ext2_mount$' "$tmp/nm"; then
		echo "an image linked ext2 without asking"
		return 1
	fi
	for image in fs-with fs-l fs-pc; do
		xen_image "$tmp/$image" || return 1
		nm "$tmp/$image" >"$tmp/nm" && grep -q ' [TW] __petrel_ext2_mount$' "$tmp/nm" ||
			{ echo "$image: no ext2 in the image"; return 1; }
	done
}

check new t_new
check build t_build
check petrel-cc-probes t_probes
check separate-link t_separate
check pkg-config t_pkgconfig
check pkg-config-flags t_pkgconfig_flags
check libm-links t_libm
check link-searches-sysroot-only t_link_dirs
check missing-lib-error t_missing_lib
check probe-answers t_probe_answers
check cxx-refused t_cxx_refused
check ext2-on-request t_ext2_on_request
check redzone-scan-catches-host-libgcc t_redzone_scan
exit $failed
