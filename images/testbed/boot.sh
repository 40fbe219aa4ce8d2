#!/usr/bin/env bash
# Boot the Petrel Xen testbed once under QEMU/TCG and run every job in JOBSDIR.
#
#   images/testbed/boot.sh TESTBEDDIR JOBSDIR [LOGFILE]
#
# TESTBEDDIR is build.sh's OUTDIR (xen, vmlinuz, dom0.cpio.zst). JOBSDIR holds one directory per
# job (see README.md); it is packed into a small cpio under /petrel/jobs/ and appended to the
# cached dom0 initramfs (Linux unpacks concatenated archives in turn), so the large base archive
# is never rebuilt. The serial console (Xen, then dom0's agent with its "@@petrel" lines) streams
# to stdout line by line, CRs removed, and to LOGFILE if given.
#
# Exit status: QEMU's own (0 when dom0 powered the machine off). If the machine is still up
# $PETREL_TESTBED_GRACE seconds (default 60) after "@@petrel all-done", QEMU is killed and the
# status is 0 (all jobs ran). If Xen reports a fatal error it is killed and the status is 1;
# so it is if QEMU ends before "all-done". After $PETREL_TESTBED_TIMEOUT seconds (default 1800)
# it is killed and the status is 124.
# Boots queue on a lock file ($PETREL_TESTBED_LOCK, default /tmp/petrel-testbed.lock), one at a time;
# everything temporary lives in its own mktemp directory.
set -euo pipefail

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
	echo "usage: $0 TESTBEDDIR JOBSDIR [LOGFILE]" >&2
	exit 2
fi
TB=$(realpath "$1")
JOBS=$(realpath "$2")
LOG=${3:-}
TIMEOUT=${PETREL_TESTBED_TIMEOUT:-1800}
GRACE=${PETREL_TESTBED_GRACE:-60}
CPU=${PETREL_QEMU_CPU:-max}
ACCEL=${PETREL_QEMU_ACCEL:-tcg}

err() { echo "testbed: $*" >&2; }

BASE=$TB/dom0.cpio.zst
for f in "$TB/xen" "$TB/vmlinuz" "$BASE"; do
	[ -s "$f" ] || {
		err "missing $f (run images/testbed/build.sh first)"
		exit 2
	}
done
[ -d "$JOBS" ] || {
	err "no jobs directory $JOBS"
	exit 2
}
command -v qemu-system-x86_64 >/dev/null || {
	err "qemu-system-x86_64 not found (run images/bootstrap/host-deps.sh)"
	exit 2
}

TMP=$(mktemp -d "${TMPDIR:-/tmp}/petrel-boot.XXXXXX")
# QEMU's -initrd takes a comma-separated list of "path args": our paths must hold neither.
case $TMP in *[,\ ]*)
	err "temporary directory $TMP contains a comma or space; set TMPDIR"
	exit 2
	;;
esac
qpid=""
wpid=""
# shellcheck disable=SC2317 # called from the traps
cleanup() {
	[ -n "$wpid" ] && kill "$wpid" 2>/dev/null
	[ -n "$qpid" ] && kill "$qpid" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The per-run archive: JOBSDIR's contents under /petrel/jobs/, owned by root.
echo "testbed: packing jobs from $JOBS"
mkdir -p "$TMP/root/petrel/jobs"
cp -a "$JOBS/." "$TMP/root/petrel/jobs/"
(cd "$TMP/root" && find petrel | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) |
	gzip -1 >"$TMP/jobs.cpio.gz"
# libvirt (build.sh) only for jobs that use virsh: it makes dom0's archive half as large again.
LIBVIRT=()
if grep -qs virsh "$JOBS"/*/dom0.sh; then
	LIBVIRT=("$TB/libvirt.cpio.zst")
	[ -s "$TB/libvirt.cpio.zst" ] || {
		err "missing $TB/libvirt.cpio.zst (run images/testbed/build.sh again)"
		exit 2
	}
fi
cat "$BASE" "${LIBVIRT[@]}" "$TMP/jobs.cpio.gz" >"$TMP/initrd"
rm -rf "$TMP/root"
ln -s "$TB/xen" "$TMP/xen"
ln -s "$TB/vmlinuz" "$TMP/vmlinuz"

if [ -n "$LOG" ]; then
	: >"$LOG"
	exec 3>>"$LOG"
fi

# Xen's command line:
# - smap=0 smep=0: without them dom0 faults at once under TCG (TESTBED-NOTES trap 1).
# - spec-ctrl=eager-fpu: Xen otherwise switches FPU state lazily on this (AMD-looking) TCG CPU,
#   trapping the first FPU use with CR0.TS. Under QEMU 7.2 TCG that corrupts user registers now
#   and then (our guess: an XSAVE-family instruction that runs with TS set instead of raising
#   #NM; glibc's lazy-binding trampoline uses XSAVE). It shows when the host is busy: xl create
#   failing half the time ("unable to XZ decompress kernel", "corrupted double-linked list"),
#   ld.so assertions, segfaults. Eager switching never sets TS: 0 failures in the same test.
# - noreboot: a crash stops the machine instead of rebooting it, so its messages stay readable.
# - sync_console: by default Xen queues console output in a 16 KB buffer and silently drops
#   what does not fit; the emulated UART drains only ~16 KB/s, so a chatty guest lost thousands
#   of lines, and the last lines (all-done included) were lost at power-off. Synchronous output
#   is lossless (dom0's console writes wait for the UART instead). It costs a 3 s countdown
#   banner at boot.
XEN_ARGS="console=com1 com1=115200 dom0_mem=1024M,max:1024M noreboot smap=0 smep=0"
XEN_ARGS+=" spec-ctrl=eager-fpu sync_console ${PETREL_XEN_EXTRA_ARGS:-}"
DOM0_ARGS="console=hvc0 earlyprintk=xen quiet"

# One testbed at a time on this machine: two QEMU/TCG boots on 2 cores run 1.5-3x slower and
# flake. The lock is held until QEMU (which inherits it) ends; the timeout counts from here.
LOCK=${PETREL_TESTBED_LOCK:-/tmp/petrel-testbed.lock}
exec 8>>"$LOCK"
if ! flock -n 8; then
	echo "testbed: waiting for another testbed on this machine to finish ($LOCK)"
	flock 8
fi

# Disks: JOBSDIR/drives lists one host file a line, "SERIAL rw|ro SECTOR_SIZE PATH"
# (sdk/lib/petrel/disks.py).
# Each becomes a virtio drive of dom0's, found again by its serial (the agent links it to
# /dev/petrel-disk/SERIAL), so a guest's writes land in the host file. QEMU's -drive wants a
# comma in a path doubled.
DRIVES=()
if [ -f "$JOBS/drives" ]; then
	while read -r serial mode bsize path; do
		[ -n "$serial" ] || continue
		[ -f "$path" ] || {
			err "disk file $path is missing"
			exit 2
		}
		opt="file=${path//,/,,},format=raw,if=none,id=$serial,cache=writeback"
		[ "$mode" = rw ] || opt+=",readonly=on"
		dev="virtio-blk-pci,drive=$serial,serial=$serial"
		dev+=",logical_block_size=$bsize,physical_block_size=$bsize"
		DRIVES+=(-drive "$opt" -device "$dev")
	done <"$JOBS/drives"
fi

mkfifo "$TMP/serial"
echo "testbed: booting Xen + dom0 under QEMU/TCG (timeout ${TIMEOUT}s)"
# -nic none: no emulated network may reach the host; all guest networking stays inside.
qemu-system-x86_64 -accel "$ACCEL" -cpu "$CPU" -smp 2 -m 2048 \
	-display none -vga none -nic none -monitor none -no-reboot \
	-serial stdio "${DRIVES[@]}" \
	-kernel "$TMP/xen" -append "$XEN_ARGS" \
	-initrd "$TMP/vmlinuz $DOM0_ARGS,$TMP/initrd" \
	</dev/null >"$TMP/serial" &
qpid=$!

# Watchdog: ends QEMU when the run is over but the machine did not power off, or when it
# overran. The reader below leaves flag files in $TMP; the watchdog leaves $TMP/why.
(
	start=$(date +%s)
	seen_done=""
	seen_halt=""
	while kill -0 "$qpid" 2>/dev/null; do
		now=$(date +%s)
		why=""
		if [ $((now - start)) -ge "$TIMEOUT" ]; then
			why=timeout
		elif [ -e "$TMP/fatal" ]; then
			why=fatal
		elif [ -e "$TMP/halted" ]; then
			: "${seen_halt:=$now}"
			[ $((now - seen_halt)) -lt 5 ] || why=halted
		elif [ -e "$TMP/all-done" ]; then
			: "${seen_done:=$now}"
			[ $((now - seen_done)) -lt "$GRACE" ] || why=stuck
		fi
		if [ -n "$why" ]; then
			echo "$why" >"$TMP/why"
			kill "$qpid" 2>/dev/null
			for _ in $(seq 10); do
				kill -0 "$qpid" 2>/dev/null || exit 0
				sleep 1
			done
			kill -KILL "$qpid" 2>/dev/null
			exit 0
		fi
		sleep 1
	done
) &
wpid=$!

while IFS= read -r line || [ -n "$line" ]; do
	line=${line//$'\r'/}
	printf '%s\n' "$line"
	[ -z "$LOG" ] || printf '%s\n' "$line" >&3
	case $line in
	"@@petrel all-done"*) : >"$TMP/all-done" ;;
	*"Hardware Dom0 halted"*) : >"$TMP/halted" ;;
	*"Manual reset required"* | *"Hardware Dom0 crashed"*) : >"$TMP/fatal" ;;
	esac
done <"$TMP/serial"

set +e
wait "$qpid"
status=$?
set -e
qpid=""
kill "$wpid" 2>/dev/null || true
wait "$wpid" 2>/dev/null || true
wpid=""

case $(cat "$TMP/why" 2>/dev/null || true) in
timeout)
	err "timeout: QEMU still running after ${TIMEOUT}s (PETREL_TESTBED_TIMEOUT); killed it"
	exit 124
	;;
fatal)
	err "Xen reported a fatal error (see the console above); killed QEMU"
	exit 1
	;;
halted)
	# dom0 halted the machine instead of powering it off: that is a normal end.
	exit 0
	;;
stuck)
	err "warning: QEMU did not power off ${GRACE}s after all-done; killed it"
	exit 0
	;;
esac
if [ ! -e "$TMP/all-done" ]; then
	err "QEMU exited (status $status) before the agent said all-done"
	[ "$status" -ne 0 ] || status=1
fi
exit "$status"
