# Shell helpers for the dom0 scripts: suite.py puts this file in every
# job that has a dom0 script, as dom0-lib.sh next to it.

wait_for() { # a command to retry for up to 60 s
	for _ in $(seq 1200); do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.05
	done
	echo "timed out waiting for: $*"
	return 1
}
