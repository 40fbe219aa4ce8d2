#!/bin/sh
# Run one cmocka test binary and turn its TAP output into the
# "PASS: unit/<binary>/<case>" / "FAIL: unit/<binary>/<case>" lines the
# top-level test aggregator counts. Everything else the binary prints is
# passed on as "# " diagnostics. A crash, or a run that stops before its
# plan is complete, becomes "FAIL: unit/<binary>/crashed".
#
# usage: run-test.sh BINARY

bin=$1
name=$(basename "$bin")
log=$bin.log

CMOCKA_MESSAGE_OUTPUT=TAP "$bin" >"$log" 2>&1
rc=$?

awk -v name="$name" -v rc="$rc" '
/^1\.\.[0-9]+$/ { plan += substr($0, 4); next }
/^ok [0-9]+ - / {
	sub(/^ok [0-9]+ - /, "")
	print "PASS: unit/" name "/" $0
	done++
	next
}
/^not ok [0-9]+ - / {
	sub(/^not ok [0-9]+ - /, "")
	print "FAIL: unit/" name "/" $0
	done++
	failed++
	next
}
/^# (not )?ok - / { next }	# cmocka group summary
/^#/ { print; next }
{ print "# " $0 }
END {
	# Signals, sanitizer aborts and missing results are all crashes.
	if (plan == 0 || done < plan || rc >= 128 || (rc != 0 && failed == 0))
		printf "FAIL: unit/%s/crashed (exit status %d, %d of %d cases reported)\n", name, rc, done, plan
}' "$log"
