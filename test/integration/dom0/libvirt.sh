# libvirt.sh: dom0 side of the libvirt test. The job's own guest (hello, booted by xl) is not the
# one under test: this script boots apps/httpd again, through libvirt's Xen driver, from the
# domain XMLs that `petrel export` wrote on the host (httpd-pv.xml, httpd-pvh.xml, shipped with
# the job next to the image they name), and drives it with virsh as libvirt users do.
#   PV:  create (validated against libvirt's schema), answers; save + restore, answers again;
#        shutdown: the program gets SIGTERM through control/shutdown and the domain goes.
#   PVH: create, answers, shutdown; create again, answers, migrate to this same host (libvirt
#        refuses it: the result is reported, and the guest must answer afterwards).
. ./dom0-lib.sh
PV=petrel-lv-pv PV_IP=198.18.0.97
PVH=petrel-lv-pvh PVH_IP=198.18.0.98

answers() { # NAME IP: its httpd serves the index page, within 90 s
	if python3 netclient.py wait "$2" 80 90 >/dev/null &&
		curl -sS --fail --max-time 20 "http://$2/" | grep -q 'Hello from Petrel'; then
		echo "ok: $1 answers"
	else
		echo "FAIL: $1: no answer from http://$2/"
		return 1
	fi
}

console_log() { echo "/var/log/xen/console/guest-$1.log"; }

libvirt_diagnose() { # NAME: what Xen, libvirtd and the guest's console say
	local f
	xl list | sed 's/^/    xl list: /'
	for f in /var/log/libvirt/libvirtd.log "/var/log/libvirt/libxl/$1.log" "$(console_log "$1")"; do
		[ -f "$f" ] && tail -n 8 "$f" | sed "s|^|    $f: |"
	done
}

gone_within() { # NAME SECONDS: libvirt no longer knows the domain, within SECONDS
	local t0
	t0=$(uptime_s)
	while timeout 10 "${VIRSH[@]}" domstate "$1" >/dev/null 2>&1; do
		awk -v t0="$t0" -v t1="$(uptime_s)" -v s="$2" 'BEGIN { exit !(t1 - t0 < s) }' || return 1
		sleep 0.5
	done
}

shut_down() { # NAME: virsh shutdown; the program ends on SIGTERM and the domain goes
	# (on_poweroff is destroy)
	virsh_step "shutdown $1" shutdown "$1" || return 1
	if ! gone_within "$1" 60; then
		echo "FAIL: $1 still exists 60 s after virsh shutdown: $(timeout 10 "${VIRSH[@]}" domstate --reason "$1" 2>&1)"
		libvirt_diagnose "$1"
		return 1
	fi
	if grep -q 'killed by signal SIGTERM: exit status 143' "$(console_log "$1")"; then
		echo "ok: $1 ended on SIGTERM and is gone"
	else
		echo "FAIL: $1: no SIGTERM exit on its console; its last lines:"
		tail -n 5 "$(console_log "$1")" | sed 's/^/    /'
		return 1
	fi
}

migrate_localhost() { # NAME: virsh migrate --live to this host's own libvirtd, no ssh
	local out rc
	out=$(timeout 120 "${VIRSH[@]}" migrate --live "$1" xen:///system 2>&1)
	rc=$?
	if [ $rc -eq 0 ]; then
		echo "ok: migrate $1 to this host"
	else
		echo "migrate refused (status $rc): $(echo "$out" | tr '\n' ' ')"
	fi
}

echo "libvirtd started at dom0 uptime $(head -n1 /var/log/libvirt/started-at 2>/dev/null) s," \
	"--daemon returned at $(tail -n1 /var/log/libvirt/started-at 2>/dev/null) s"
wait_libvirtd || exit 1
echo "libvirtd: $(ps -o rss= -C libvirtd) KiB resident, $(ps -o time= -C libvirtd) CPU;" \
	"guest types: $("${VIRSH[@]}" capabilities | grep -o '<os_type>[a-z]*</os_type>' |
		sort -u | sed 's/<[^>]*>//g' | tr '\n' ' ')"
status=0
virsh_step "create $PV" create --validate httpd-pv.xml &&
	answers "$PV" "$PV_IP" &&
	virsh_step "save $PV" save "$PV" /tmp/lv-pv.save &&
	virsh_step "restore $PV" restore /tmp/lv-pv.save &&
	answers "$PV after restore" "$PV_IP" &&
	shut_down "$PV" || status=1
rm -f /tmp/lv-pv.save

virsh_step "create $PVH" create --validate httpd-pvh.xml &&
	answers "$PVH" "$PVH_IP" &&
	shut_down "$PVH" || status=1
timeout 30 "${VIRSH[@]}" destroy "$PVH" >/dev/null 2>&1

virsh_step "create $PVH again" create --validate httpd-pvh.xml &&
	answers "$PVH" "$PVH_IP" &&
	migrate_localhost "$PVH" &&
	answers "$PVH after migrate" "$PVH_IP" || status=1
# libvirt 9.0's libxl driver keeps the refused migration's job on the domain: virsh can no
# longer shut it down or destroy it ("cannot acquire state change lock (held by
# monitor=remoteDispatchDomainMigrateBegin3Params)"); xl can.
if ! out=$(timeout 60 "${VIRSH[@]}" destroy "$PVH" 2>&1); then
	echo "note: virsh destroy $PVH after the migration: $(echo "$out" | tr '\n' ' ')"
	xl destroy "$PVH" && echo "note: destroyed $PVH with xl"
fi

# Whatever failed, leave nothing running for the next job.
for d in "$PV" "$PVH"; do
	timeout 30 "${VIRSH[@]}" destroy "$d" >/dev/null 2>&1 || xl destroy "$d" >/dev/null 2>&1
done
timeout 10 "${VIRSH[@]}" list --all
exit $status
