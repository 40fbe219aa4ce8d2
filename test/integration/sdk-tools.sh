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
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
check() { # name, then a command that prints the reason when it fails
	local name=$1 why
	shift
	if why=$("$@" 2>&1); then
		pass "$name"
	else
		fail "$name" "$(tail -n 3 <<<"$why" | tr '\n' ' ')"
		failed=1
	fi
}

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

check new t_new
check build t_build
check petrel-cc-probes t_probes
check separate-link t_separate
check pkg-config t_pkgconfig
check pkg-config-flags t_pkgconfig_flags
exit $failed
