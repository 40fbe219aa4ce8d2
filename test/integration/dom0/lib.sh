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

uptime_s() { cut -d' ' -f1 /proc/uptime; }
since() { awk -v t0="$1" -v t1="$(uptime_s)" 'BEGIN { printf "%.2f", t1 - t0 }'; }

run_step() { # WHAT COMMAND...: run it with its chatter (progress meters) kept aside, then say
	# "ok: WHAT (N s)" or "FAIL: WHAT: ..." with its last words.
	local what=$1 t0 rc out
	shift
	out=$(mktemp)
	t0=$(uptime_s)
	"$@" >"$out" 2>&1
	rc=$?
	if [ $rc -eq 0 ]; then
		echo "ok: $what ($(since "$t0") s)"
	else
		echo "FAIL: $what: $* exited $rc after $(since "$t0") s; it said:"
		grep -v 'progress' "$out" | tail -n 8 | sed 's/^/    /'
	fi
	rm -f "$out"
	return $rc
}

xl_step() { # WHAT XL-ARGS...
	local what=$1
	shift
	run_step "$what" xl "$@"
}

wait_guest_shut_down() { # the guest (kept by on_poweroff=preserve) has shut down, or gone
	local state
	for _ in $(seq 300); do
		state=$(xl list "$GUEST_NAME" 2>/dev/null | awk 'NR == 2 { print $5 }')
		case $state in *s* | "") return 0 ;; esac
		sleep 0.2
	done
	echo "timed out waiting for the guest to shut down"
	return 1
}

refresh_domid() { # the guest keeps its name but not its domid: DOMID as it is now
	DOMID=$(xl domid "$GUEST_NAME") && echo "domid=$DOMID"
}

save_restore_guest() { # [FILE]: xl save the guest to FILE (default: in /tmp), then xl restore it.
	local f=${1:-/tmp/$GUEST_NAME.save} rc=0
	xl_step save save "$GUEST_NAME" "$f" || return 1
	echo "saved: $(($(stat -c %s "$f") >> 20)) MiB"
	xl_step restore restore "$f" || rc=1
	rm -f "$f"
	[ $rc -eq 0 ] && refresh_domid && echo "ok: save and restore"
}

migrate_guest_localhost() { # xl migrate the guest to this dom0 itself: no ssh; with -s '' xl runs
	# the "host" as a command, so its stream goes through a pipe to a local xl migrate-receive.
	# xl may exit 0 when the sender could not suspend the guest: the domid must have changed.
	local old=$DOMID
	xl_step migrate migrate -s '' "$GUEST_NAME" 'xl migrate-receive' && refresh_domid || return 1
	if [ "$DOMID" = "$old" ]; then
		echo "FAIL: migrate: the guest is still domain $old"
		return 1
	fi
	echo "ok: migrate to localhost"
}

checkpoint_guest() { # [FILE]: xl save -c: save the guest and let it go on (its suspend is cancelled)
	local f=${1:-/tmp/$GUEST_NAME.checkpoint} rc=0
	xl_step checkpoint save -c "$GUEST_NAME" "$f" || rc=1
	rm -f "$f"
	return $rc
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

# libvirt (its Xen driver, libxl): dom0-init starts libvirtd when a job's dom0 script uses virsh.
VIRSH=(virsh -q -c xen:///system)
wait_libvirtd() { # until libvirtd answers (at most 120 s); says how long that took
	local t0 f err
	t0=$(uptime_s)
	while awk -v t0="$t0" -v t1="$(uptime_s)" 'BEGIN { exit !(t1 - t0 < 120) }'; do
		if err=$(timeout 10 "${VIRSH[@]}" version 2>&1); then
			echo "ok: libvirtd answers (after $(since "$t0") s)"
			return 0
		fi
		sleep 1
	done
	echo "FAIL: libvirtd does not answer after $(since "$t0") s; virsh version said: $err"
	ps -o pid,etime,time,rss,args -C libvirtd
	for f in /var/log/libvirt/libvirtd.out /var/log/libvirt/libvirtd.log /var/log/libvirt/libxl/*.log; do
		[ -f "$f" ] && tail -n 15 "$f" | sed "s|^|    $f: |"
	done
	return 1
}

virsh_step() { # WHAT VIRSH-ARGS...
	local what=$1
	shift
	run_step "$what" timeout 120 "${VIRSH[@]}" "$@"
}
