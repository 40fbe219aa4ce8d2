# shellcheck shell=bash
# dom0 side of the real-dom0 test: `petrel run` as on a user's Xen host, here in the testbed's
# dom0 against its own xl, with the SDK's Python pieces, the agent and the images shipped in the
# job folder (no strip or addr2line here: the .stripped images boot, frames stay unsymbolized).
# Prints "real-dom0: NAME ok" per check, or "real-dom0: NAME FAILED: why" and the output.
set -u
tmp=$(mktemp -d)
out=$tmp/out err=$tmp/err

run() { python3 ./sdk/bin/petrel run "$@" >"$out" 2>"$err"; }
ok() { echo "real-dom0: $1 ok"; }
bad() {
	echo "real-dom0: $1 FAILED: $2"
	sed 's/^/  out| /' "$out"
	sed 's/^/  err| /' "$err"
}
has() { grep -qx -- "$2" "$1"; }

# The guest's stdout is petrel's stdout; kernel messages go to stderr.
run img/hello -- a b </dev/null
st=$?
if [ $st -ne 0 ]; then bad hello "status $st"
elif ! has "$out" 'Hello from Petrel' || ! has "$out" 'argv: a b'; then bad hello "stdout"
elif ! has "$err" 'petrel: event channels: FIFO ABI' || grep -q 'event channels' "$out"; then
	bad hello "kernel messages not (only) on stderr"
else ok hello; fi

run img/exit3 </dev/null
st=$?
if [ $st -eq 3 ] && has "$out" 'exit3: returning 3'; then ok exit-status; else bad exit-status "status $st"; fi

run img/nullderef </dev/null
st=$?
if [ $st -ne 125 ]; then bad crash "status $st"
elif ! grep -q '^CRASH: page fault at 0x0: read from unmapped page' "$err" ||
	! grep -q '^ *#0 0x[0-9a-f]*' "$err" ||
	! grep -q '^petrel: guest crashed: page fault at 0x0' "$err"; then bad crash "report"
else ok crash; fi

# --quiet: no kernel messages or progress notes, but the crash report stays.
run --quiet img/nullderef </dev/null
st=$?
if [ $st -eq 125 ] && grep -q '^CRASH: page fault' "$err" && ! grep -q 'event channels\|booting' "$err"; then
	ok quiet-crash
else bad quiet-crash "status $st"; fi

printf 'a\nb\n' | run img/stdio -- lines
st=$?
if [ $st -eq 0 ] && [ "$(cat "$out")" = $'stdin: line [a]\nstdin: line [b]\nstdin: eof after 2 lines' ]; then
	ok stdin
else bad stdin "status $st"; fi

run img/stdio -- streams </dev/null
st=$?
if [ $st -eq 0 ] && [ "$(cat "$out")" = $'stdio: isatty 0 0 0, fstat fifo fifo fifo\nout: one\nout: two\nout: last, no newline' ] &&
	grep -qx 'err: three' "$err"; then
	ok streams
else bad streams "status $st"; fi
rm -rf "$tmp"
