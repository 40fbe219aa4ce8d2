# sdk-lib.sh: helpers shared by the SDK tool tests (sourced, not run).
# shellcheck shell=bash
# Test protocol: one "PASS: sdk/NAME" or "FAIL: sdk/NAME: reason" line each.

pass() { echo "PASS: sdk/$1"; }
fail() { echo "FAIL: sdk/$1: $2"; }

# check NAME COMMAND...: run a check that prints its reason when it fails;
# a failure also sets the caller's $failed.
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

# xen_image FILE: is FILE an image Xen's PV loader accepts? An x86-64 ELF
# executable whose PT_NOTE carries Xen notes, among them LOADER "generic"
# and XEN_VERSION "xen-3.0" (libelf rejects the image without them).
# Prints the reason when it is not.
xen_image() {
	local notes
	[ -f "$1" ] || { echo "no file $1"; return 1; }
	readelf -h "$1" 2>/dev/null | grep -q 'Type: *EXEC' ||
		{ echo "$1 is not an ELF executable"; return 1; }
	readelf -lW "$1" | grep -q '^ *NOTE ' || { echo "$1 has no PT_NOTE"; return 1; }
	notes=$(readelf -nW "$1")
	grep -q '^ *Xen ' <<<"$notes" || { echo "$1 has no Xen notes"; return 1; }
	# LOADER "generic" and XEN_VERSION "xen-3.0", as readelf dumps them.
	if ! grep -q '67 65 6e 65 72 69 63 00' <<<"$notes" ||
		! grep -q '78 65 6e 2d 33 2e 30 00' <<<"$notes"; then
		echo "$1 lacks the LOADER/XEN_VERSION notes"
		return 1
	fi
}
