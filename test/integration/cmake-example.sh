#!/usr/bin/env bash
# cmake-example.sh: build apps/cmake-hello with CMake and the SDK's
# toolchain file (sdk/petrel.cmake) into build/cmake-hello, and check the
# result is a bootable Xen image. Prints PASS/FAIL lines, and the image's
# path on the line "image: PATH" (the integration suite boots it).
# Needs `make` done (the sysroot); no root, no network.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/test/integration/sdk-lib.sh"
out=$top/build/cmake-hello
log=$out.log

# A fresh configure each time: a stale cache would hide toolchain changes.
# The toolchain path is absolute: CMake resolves a relative one against
# the build folder.
rm -rf "$out"
if ! cmake -DCMAKE_TOOLCHAIN_FILE="$top/sdk/petrel.cmake" \
	-S "$top/apps/cmake-hello" -B "$out" >"$log" 2>&1; then
	fail cmake-configure "cmake failed (see $log)"
	exit 1
fi
pass cmake-configure

# The configure checks in apps/cmake-hello link for real: what exists is
# found, what does not is not (CMakeCache.txt: 1 or empty).
cached() { sed -n "s/^$1:INTERNAL=//p" "$out/CMakeCache.txt"; }
checks_ok=1
for want in HAVE_STRTOD=1 HAVE_SNPRINTF=1 HAVE_PETREL_NO_SUCH_FUNCTION= \
	HAVE_PETREL_NO_SUCH_SYMBOL=; do
	got=$(cached "${want%%=*}")
	if [ "$got" != "${want#*=}" ]; then
		fail cmake-checks "${want%%=*} is '$got', expected '${want#*=}'"
		checks_ok=0
	fi
done
[ "$checks_ok" = 1 ] && pass cmake-checks

# C++ is refused at configure time, with the reason, instead of building
# a host program.
cxx=$out-cxx
rm -rf "$cxx" && mkdir -p "$cxx/src"
printf 'cmake_minimum_required(VERSION 3.13)\nproject(cxx C CXX)\nadd_executable(cxx main.cpp)\n' \
	>"$cxx/src/CMakeLists.txt"
echo 'int main() { return 0; }' >"$cxx/src/main.cpp"
if cmake -DCMAKE_TOOLCHAIN_FILE="$top/sdk/petrel.cmake" -S "$cxx/src" \
	-B "$cxx/build" >"$cxx.log" 2>&1; then
	fail cmake-cxx-refused "a C++ project configured (see $cxx.log)"
elif ! grep -q 'C++ is not supported by Petrel' "$cxx.log"; then
	fail cmake-cxx-refused "configure failed without saying why (see $cxx.log)"
else
	pass cmake-cxx-refused
fi
if ! cmake --build "$out" >>"$log" 2>&1; then
	fail cmake-build "cmake --build failed (see $log)"
	exit 1
fi
image=$out/cmake-hello
if why=$(xen_image "$image"); then
	pass cmake-build
else
	fail cmake-build "$why"
	exit 1
fi
echo "image: $image"
