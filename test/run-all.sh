#!/usr/bin/env bash
# `make test`: build, run unit tests, build the testbed, run integration
# tests, then count. Every stage prints "PASS: name" / "FAIL: name" lines;
# a stage that cannot run at all prints a FAIL line for itself, so
# nothing fails silently. The last line is "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p build
log=build/test.log
: >"$log"

stage() { # name, command...
	local name=$1
	shift
	echo "== $name"
	if ! "$@"; then
		echo "FAIL: stage/$name: command failed: $*"
	fi
}

{
	stage build make -s all
	stage unit make -s unit-test
	stage fuzz make -s fuzz-smoke
	stage sdk-tools bash test/integration/sdk-tools.sh
	stage runner bash test/integration/runner-checks.sh
	stage export bash test/integration/export-checks.sh
	stage conformance-runner python3 test/integration/conformance_checks.py
	stage apps-native python3 test/integration/apps_native.py
	stage kvstore-native python3 test/integration/kvstore_native.py
	stage cmake bash test/integration/cmake-example.sh
	stage redzone bash test/integration/redzone.sh
	stage ext4-native bash test/integration/ext4-native.sh
	stage testbed make -s testbed
	stage integration python3 test/integration/suite.py
	# A Linux guest saved, restored and migrated while it runs: the runner follows it
	# (a testbed boot of its own: 2 minutes on a quiet host).
	stage follow python3 test/integration/follow_guest.py
	# The suite in PVH (suite.py --mode pvh) is not a stage yet: a guest
	# that hits the known PVH stall (issue 10) holds the whole testbed
	# session until its budget runs out, and every later test of the run
	# is lost with it. PVH boots in the conformance stage below.
	stage conformance bash test/integration/conformance.sh
} 2>&1 | tee -a "$log"

passed=$(grep -c '^PASS: ' "$log")
failed=$(grep -c '^FAIL: ' "$log")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
