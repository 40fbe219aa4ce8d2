#!/usr/bin/env bash
# Install the host packages Petrel builds and tests with, from Debian only.
# Idempotent: prints what is missing, runs `apt-get update` at most once, then installs.
set -euo pipefail

PKGS=(
	build-essential binutils make gawk bison flex texinfo
	libxen-dev libcmocka-dev pkg-config cmake
	newlib-source gcc-12-source gcc-12-plugin-dev dpkg-dev xz-utils patch
	qemu-system-x86 debootstrap cpio gzip zstd
	python3 file e2fsprogs
	# make bench: the report's plots
	gnuplot-nox
	# test/fuzz: clang with libFuzzer; its runtime (libclang_rt.fuzzer)
	# is in libclang-rt-14-dev, which clang-14 only recommends.
	clang-14 libfuzzer-14-dev libclang-rt-14-dev
)

missing=()
for p in "${PKGS[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
	exit 0
fi

echo "petrel: installing host packages: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
	echo "petrel: need root to install packages (or install them yourself)" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
