#!/bin/sh
# Run one libFuzzer harness from its seed corpus and print
# "PASS: fuzz/<name> (...)" or "FAIL: fuzz/<name>: why". The seeds
# (corpus/<name>/) are read, never written: new inputs go to a scratch
# corpus under BUILD, and a crashing input to BUILD/artifacts/, which
# the FAIL line names. The libFuzzer log is BUILD/<harness>.log.
#
# usage: run-fuzzer.sh BUILD HARNESS LIBFUZZER-OPTION...

build=$1
harness=$2
shift 2
name=${harness#fuzz_}
seeds=$(dirname "$0")/corpus/$name
work=$build/corpus/$name
artifacts=$build/artifacts
log=$build/$harness.log

mkdir -p "$work" "$artifacts"
# -timeout: an input that takes seconds is a hang worth failing on.
"$build/$harness" -timeout=10 -print_final_stats=1 \
	-artifact_prefix="$artifacts/$name-" "$@" "$work" "$seeds" \
	>"$log" 2>&1
rc=$?

runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log")
speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
crash=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
if [ "$rc" -eq 0 ] && grep -q '^Done [0-9]* runs' "$log"; then
	if [ "$secs" -gt 0 ]; then
		echo "PASS: fuzz/$name ($runs runs in $secs s, $speed exec/s)"
	else
		echo "PASS: fuzz/$name ($runs runs in under 1 s)"
	fi
	exit 0
fi
# The first line naming the finding, for the FAIL line; the log has all.
why=$(grep -m 1 -E 'ERROR: |runtime error: |fuzz_[a-z_]*\.c:[0-9]+: ' "$log")
grep -E '^(==|SUMMARY|[^ ]*\.c:[0-9]+)' "$log" | head -n 20 | sed 's/^/# /'
echo "FAIL: fuzz/$name: ${why:-exit status $rc} (input: ${crash:-none}, log: $log)"
