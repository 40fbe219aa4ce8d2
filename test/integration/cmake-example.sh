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
