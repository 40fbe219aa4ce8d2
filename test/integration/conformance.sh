#!/usr/bin/env bash
# conformance.sh: run the hypervisor ABI conformance suite in the testbed
# (`petrel test --mode both`, one testbed boot) and require every
# instance to be SUCCESS, or SKIP with a stated reason (e.g. a PV-only
# interface in PVH). One PASS/FAIL line per instance, plus one
# for the run itself. Needs `make` and the testbed.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
log=$top/build/conformance.log
mkdir -p "$top/build"

"$top/sdk/bin/petrel" test --mode both >"$log" 2>"$log.err"
status=$?
rows=$(grep -E '^test-pvh?64-' "$log")
if [ -z "$rows" ]; then
	echo "FAIL: conformance: no result table (status $status): $(tail -n 3 "$log.err")"
	exit 1
fi
failed=0
while read -r inst result reason; do
	if [ "$result" = SUCCESS ] || { [ "$result" = SKIP ] && [ -n "$reason" ]; }; then
		echo "PASS: conformance/$inst${reason:+ ($result: $reason)}"
	else
		echo "FAIL: conformance/$inst: $result${reason:+: $reason}"
		failed=1
	fi
done <<<"$rows"
# 0: all SUCCESS; 3: some SKIP (each checked for a reason above).
case $status in
0 | 3) echo "PASS: conformance/run (status $status)" ;;
*)
	echo "FAIL: conformance/run: petrel test exited $status"
	failed=1
	;;
esac
exit $failed
