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

save_restore_guest() { # xl save the guest to a file, then xl restore it
	local f=/tmp/petrel-guest.save
	xl save "$GUEST_NAME" "$f" >/tmp/xl-save.log 2>&1 || { cat /tmp/xl-save.log; return 1; }
	xl restore "$f" >/tmp/xl-restore.log 2>&1 || { cat /tmp/xl-restore.log; return 1; }
	rm -f "$f"
	echo "ok: save and restore"
}

migrate_guest_localhost() { # xl migrate the guest to this host, through a pipe, not ssh
	local shim=/tmp/petrel-no-ssh
	printf '#!/bin/sh\nshift\nexec sh -c "$*"\n' >"$shim"
	chmod +x "$shim"
	xl migrate -s "$shim" "$GUEST_NAME" localhost >/tmp/xl-migrate.log 2>&1 ||
		{ cat /tmp/xl-migrate.log; return 1; }
	echo "ok: migrate to localhost"
}

# httpwatch.py (shipped with the job) polls the guest's httpd from dom0 across disruptions:
# start it, run each disruption under http_watch_mark, then report (exit status 1 on a failure).
HTTPWATCH=/tmp/httpwatch
http_watch_start() {
	rm -f "$HTTPWATCH.stop" "$HTTPWATCH.marks"
	python3 httpwatch.py watch "$GUEST_IP" 80 "$HTTPWATCH.log" "$HTTPWATCH.stop" &
	HTTPWATCH_PID=$!
	sleep 3
}

http_watch_mark() { # NAME COMMAND...: run it, noting when it began and ended, then let it settle
	local name=$1 t0 t1
	shift
	t0=$(date +%s.%N)
	"$@" || echo "FAIL: $name: $* failed"
	t1=$(date +%s.%N)
	echo "$name $t0 $t1" >>"$HTTPWATCH.marks"
	sleep 4
}

http_watch_report() { # LIMIT: seconds answers may take to come back after each disruption
	touch "$HTTPWATCH.stop"
	wait "$HTTPWATCH_PID"
	python3 httpwatch.py report "$HTTPWATCH.log" "$HTTPWATCH.marks" "$1"
}

checkpoint_guest() { # xl save -c: save the guest and let it go on (its suspend is cancelled)
	local f=/tmp/petrel-guest.checkpoint
	xl save -c "$GUEST_NAME" "$f" >/tmp/xl-save.log 2>&1 || { cat /tmp/xl-save.log; return 1; }
	rm -f "$f"
	echo "ok: checkpoint"
}
