#!/usr/bin/env bash
# redzone.sh: no code in an image may touch memory below %rsp. Petrel's
# event upcall arrives on the current stack, so anything a function keeps
# in the red zone (the 128 bytes under %rsp the SysV ABI lets leaf code
# use) is overwritten at random. Every object must be built with
# -mno-red-zone; this disassembles the images and finds any that is not
# (the host's libgcc, say).
#   redzone.sh            every image under build/apps (unstripped) and
#                         build/cmake-hello/cmake-hello when it exists
#   redzone.sh FILE...    those ELF files (images, objects)
# One "PASS: redzone/NAME" or "FAIL: redzone/NAME: why" line per file,
# naming the functions at fault; exits non-zero if any failed.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)

# below_rsp FILE: "function: instruction" for each instruction that
# addresses memory at a negative displacement from %rsp. lea only
# computes an address, so it is not an access.
below_rsp() {
	objdump -d --no-show-raw-insn "$1" | awk '
		/^[0-9a-f]+ <.*>:$/ { fn = substr($2, 2, length($2) - 3); next }
		/-0x[0-9a-f]+\(%rsp[,)]/ && $2 !~ /^lea/ {
			sub(/^ *[0-9a-f]+:[ \t]*/, "")
			print fn ": " $0
		}'
}

# images: the unstripped images the build made (ELF executables).
images() {
	local f
	find "$top/build/apps" -type f ! -name '*.stripped' ! -name '*.cfg' \
		2>/dev/null | sort | while read -r f; do
		readelf -h "$f" 2>/dev/null | grep -q 'Type: *EXEC' && echo "$f"
	done
	[ -f "$top/build/cmake-hello/cmake-hello" ] &&
		echo "$top/build/cmake-hello/cmake-hello"
}

check() { # FILE
	local name=${1#"$top/build/"} hits fns
	name=${name#/}
	if ! objdump -d "$1" >/dev/null 2>&1; then
		echo "FAIL: redzone/$name: cannot disassemble $1"
		return 1
	fi
	hits=$(below_rsp "$1")
	if [ -z "$hits" ]; then
		echo "PASS: redzone/$name"
		return 0
	fi
	fns=$(cut -d: -f1 <<<"$hits" | sort -u | tr '\n' ' ')
	echo "FAIL: redzone/$name: $(wc -l <<<"$hits") accesses below %rsp," \
		"in ${fns% } (first: $(head -n1 <<<"$hits"))"
	return 1
}

if [ $# -gt 0 ]; then
	files=("$@")
else
	mapfile -t files < <(images)
	if [ ${#files[@]} -eq 0 ]; then
		echo "FAIL: redzone/images: no images under $top/build/apps (run make)"
		exit 1
	fi
fi
failed=0
for f in "${files[@]}"; do
	check "$f" || failed=1
done
exit $failed
