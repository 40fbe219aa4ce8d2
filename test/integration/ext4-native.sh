#!/usr/bin/env bash
# lib/ext2 (libext2fs and Petrel's glue) natively on the host: the ext4
# test app (apps/tests/ext4) runs over an image file through the same
# vfs_ops and io_manager code an image uses (ext4-native/shim.c routes
# its POSIX calls, fakes.c stands in for blkfront), then the image is
# checked with e2fsck, dumpe2fs and debugfs (ext4_disk.py check). Runs
# on 1 KiB and 4 KiB filesystem blocks, and 512 and 4096-byte sectors
# (which sends superblock I/O through the io_manager's bounce path).
# Prints PASS/FAIL lines; needs build/e2fsprogs (make kernel prepares it).
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
e2fs=$top/build/e2fsprogs
out=$top/build/ext4-native
here=$top/test/integration

fail() {
	echo "FAIL: ext4-native/$1: $2"
}

build() {
	local srcs o objs=()
	[ -f "$e2fs/.prepared" ] || { fail build "$e2fs missing (run make)"; return 1; }
	mkdir -p "$out/obj"
	srcs=$(make -s -C "$top" --no-print-directory -f - print-e2fs-srcs <<'MK'
include Makefile
print-e2fs-srcs:
	@echo $(E2FS_SRCS)
MK
)
	for s in $srcs; do
		o=$out/obj/${s%.c}.o
		objs+=("$o")
		[ "$o" -nt "$e2fs/.prepared" ] && continue
		gcc -O1 -g -w -ffunction-sections -fdata-sections -I"$e2fs/lib" -I"$e2fs/lib/ext2fs" -I"$e2fs/lib/et" \
			-c "$e2fs/lib/ext2fs/$s" -o "$o" || return 1
	done
	gcc -O1 -g -Wall -Wextra -Werror -Wl,--gc-sections -I"$top" -isystem "$e2fs/lib" \
		-o "$out/ext4" "$top"/lib/ext2/*.c "$here/ext4-native/shim.c" \
		"$here/ext4-native/fakes.c" "$top/lib/libc/disk_probe.c" \
		"$top/apps/tests/ext4/main.c" \
		"${objs[@]}"
}

if ! build >"$out.build.log" 2>&1; then
	sed 's/^/# /' "$out.build.log" | tail -30
	fail build "see $out.build.log"
	exit 0
fi

python3 "$here/ext4_disk.py" lines >"$out/expected.txt"
for case in 1024:512 1024:4096 4096:512 4096:4096; do
	bs=${case%:*} ss=${case#*:}
	name=bs$bs-sector$ss
	img=$out/$name.img
	python3 "$here/ext4_disk.py" make "$img" "$bs" >/dev/null
	PETREL_EXT2_IMAGE=$img PETREL_EXT2_SECTOR=$ss "$out/ext4" /ext2 \
		>"$out/$name.out" 2>"$out/$name.err"
	rc=$?
	if [ $rc -ne 0 ]; then
		fail "$name" "exit status $rc: $(grep -h FAIL "$out/$name.out" "$out/$name.err" | head -3)"
	elif ! diff -q "$out/expected.txt" "$out/$name.out" >/dev/null; then
		fail "$name" "output differs: $(diff "$out/expected.txt" "$out/$name.out" | head -4 | tr '\n' ' ')"
	elif why=$(python3 "$here/ext4_disk.py" check "$img"); then
		echo "PASS: ext4-native/$name"
	else
		fail "$name" "$why"
	fi
done

# Mounted read-only: the tree reads the same, the first change fails
# with EROFS, and not one byte of the disk changes.
img=$out/readonly.img
python3 "$here/ext4_disk.py" make "$img" >/dev/null
before=$(sha256sum <"$img")
PETREL_EXT2_IMAGE=$img PETREL_EXT2_RO=1 "$out/ext4" /ext2 >"$out/readonly.out" 2>&1
rc=$?
found=$(grep -c '^ext4: found ' "$out/readonly.out")
if [ $rc -ne 1 ] || ! grep -q '^ext4: FAIL op 1 (mkdir new): Read-only file system$' "$out/readonly.out"; then
	fail readonly "exit status $rc: $(grep FAIL "$out/readonly.out" | head -2)"
elif [ "$found" -ne "$(grep -c '^ext4: found ' "$out/expected.txt")" ]; then
	fail readonly "listed $found names"
elif [ "$(sha256sum <"$img")" != "$before" ]; then
	fail readonly "the image changed"
else
	echo "PASS: ext4-native/readonly"
fi

# A full disk: the write that does not fit fails with ENOSPC, and the
# filesystem stays consistent once the file is gone.
img=$out/enospc.img
python3 "$here/ext4_disk.py" make enospc "$img" >/dev/null
python3 "$here/ext4_disk.py" lines enospc >"$out/enospc.expected"
PETREL_EXT2_IMAGE=$img "$out/ext4" /ext2 >"$out/enospc.out" 2>&1
rc=$?
if [ $rc -ne 0 ]; then
	fail enospc "exit status $rc: $(grep FAIL "$out/enospc.out" | head -2)"
elif ! grep -q '^ext4: filled big.bin' "$out/enospc.out"; then
	fail enospc "the disk never filled"
elif ! grep -v '^ext4: filled ' "$out/enospc.out" | diff -q "$out/enospc.expected" - >/dev/null; then
	fail enospc "output differs: $(grep -v '^ext4: filled ' "$out/enospc.out" | diff "$out/enospc.expected" - | head -4 | tr '\n' ' ')"
elif why=$(python3 "$here/ext4_disk.py" check enospc "$img"); then
	echo "PASS: ext4-native/enospc"
else
	fail enospc "$why"
fi

# The program dies at exit without unmounting (a crashed domain): what
# it wrote before its last sync() must all be on the disk, and the
# superblock must say "not clean" so that e2fsck runs at the next boot.
img=$out/crash.img
python3 "$here/ext4_disk.py" make "$img" >/dev/null
PETREL_EXT2_IMAGE=$img PETREL_EXT2_NO_UNMOUNT=1 "$out/ext4" /ext2 \
	>"$out/crash.out" 2>&1
rc=$?
if [ $rc -ne 0 ] || ! diff -q "$out/expected.txt" "$out/crash.out" >/dev/null; then
	fail crash "exit status $rc: $(grep FAIL "$out/crash.out" | head -2)"
elif why=$(python3 "$here/ext4_disk.py" check "$img" "not clean"); then
	echo "PASS: ext4-native/crash-after-sync"
else
	fail crash-after-sync "$why"
fi

# 400 random ops (seeded; ext4_disk.py random_ops), each checked the
# same way: the guest's listing, then the disk.
for case in random1:1024:512 random2:4096:512 random3:1024:4096; do
	IFS=: read -r name bs ss <<<"$case"
	img=$out/$name.img
	python3 "$here/ext4_disk.py" make "$name" "$img" "$bs" >/dev/null
	python3 "$here/ext4_disk.py" lines "$name" >"$out/$name.expected"
	PETREL_EXT2_IMAGE=$img PETREL_EXT2_SECTOR=$ss "$out/ext4" /ext2 \
		>"$out/$name.out" 2>&1
	rc=$?
	if [ $rc -ne 0 ]; then
		fail "$name" "exit status $rc: $(grep FAIL "$out/$name.out" | head -2)"
	elif ! diff -q "$out/$name.expected" "$out/$name.out" >/dev/null; then
		fail "$name" "output differs: $(diff "$out/$name.expected" "$out/$name.out" | head -4 | tr '\n' ' ')"
	elif why=$(python3 "$here/ext4_disk.py" check "$name" "$img"); then
		echo "PASS: ext4-native/$name"
	else
		fail "$name" "$why"
	fi
done
