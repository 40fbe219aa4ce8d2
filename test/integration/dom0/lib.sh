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

toolstack_request() { # shutdown|reboot: after a junk request the guest must ignore, ask
	# for it with xl, without -F: the guest advertises that it handles it.
	local key=/local/domain/$DOMID/control/shutdown
	sleep 2
	xenstore-write "$key" 'bogus request' && echo "wrote a junk request"
	sleep 1
	echo "feature-poweroff=$(xenstore-read "/local/domain/$DOMID/control/feature-poweroff")"
	xl "$1" "$DOMID"
	echo "xl $1: exit status $?"
}
