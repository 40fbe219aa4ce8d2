#!/usr/bin/env bash
# Build the Petrel Xen testbed: Xen 4.17 + a Debian 12 dom0 that boots under QEMU/TCG.
#
#   images/testbed/build.sh OUTDIR CACHEDIR
#
# Produces, from Debian packages only:
#   OUTDIR/xen            the hypervisor (multiboot ELF, loaded by `qemu -kernel`)
#   OUTDIR/vmlinuz        the Debian 6.1 kernel, used for dom0 (and for Linux reference guests)
#   OUTDIR/dom0.cpio.zst  dom0's initramfs: a trimmed debootstrap'd rootfs with the Xen tools,
#                         the few kernel modules dom0 needs, /init (dom0-init) and
#                         /petrel/agent (agent), /etc/petrel-dnsmasq.conf (dnsmasq.conf).
#                         newc cpio, zstd-compressed.
#   OUTDIR/libvirt.cpio.zst  what libvirt adds to that rootfs (libvirtd with its Xen driver,
#                         virsh, their libraries): boot.sh appends it for jobs that use virsh.
# CACHEDIR keeps downloads (debs/), the pristine rootfs and the unpacked packages, so a second
# run does no network work. OUTDIR/.stamp holds a hash of the recipe files: when it matches and
# the outputs exist, nothing is done at all.
set -euo pipefail

if [ $# -ne 2 ]; then
	echo "usage: $0 OUTDIR CACHEDIR" >&2
	exit 2
fi

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT=$(realpath -m "$1")
CACHE=$(realpath -m "$2")

log() { echo "testbed: $*"; }
die() {
	echo "testbed: error: $*" >&2
	exit 1
}

[ "$(id -u)" -eq 0 ] || die "must run as root (debootstrap and chroot need it)"
for t in debootstrap apt-get apt-cache dpkg dpkg-deb cpio zstd gzip sha256sum flock chroot; do
	command -v "$t" >/dev/null || die "missing host tool '$t' (run images/bootstrap/host-deps.sh)"
done

SUITE=bookworm
MIRROR=http://deb.debian.org/debian
SECURITY=http://deb.debian.org/debian-security
XENVER=4.17
# dom0 userland. xen-utils pulls in python3 (pygrub); that is the price of using Debian's tools.
# The client tools (curl, wrk, iperf3, nc, ping, tcpdump) are there for tests that drive a guest
# from dom0; dnsmasq-base (the binary alone, no init scripts) serves DHCP, router advertisements
# and DNS on the bridges.
DOM0_PKGS=(
	"xen-utils-$XENVER" xenstore-utils iproute2 bridge-utils busybox kmod procps
	curl wrk iperf3 netcat-openbsd iputils-ping e2fsprogs util-linux coreutils
	dnsmasq-base tcpdump
)
# libvirt's Xen driver (libxl) and virsh, for jobs that drive guests as libvirt users do
# (README: libvirt). libvirt-daemon-driver-xen pulls in libvirt-daemon, the monolithic libvirtd
# (Debian 12 ships no virtxend). They and their libraries (libxml2's ICU alone is 36 MB) would
# make every boot slower, so they go into an archive of their own that boot.sh appends only
# when a job's dom0 script uses virsh.
LIBVIRT_PKGS=(libvirt-daemon-driver-xen libvirt-clients)
# Kernel modules dom0 needs (paths under /lib/modules/KVER/kernel). Directories are taken
# recursively; their dependencies are added automatically. virtio_blk: the host files that
# `petrel run --disk` attaches reach dom0 as virtio drives.
MOD_DIRS=(drivers/xen drivers/net/xen-netback drivers/block/xen-blkback)
MOD_FILES=(
	net/bridge/bridge.ko net/802/stp.ko net/802/garp.ko net/802/mrp.ko net/llc/llc.ko
	drivers/block/loop.ko drivers/net/tun.ko
	drivers/virtio/virtio_pci.ko drivers/block/virtio_blk.ko
)

# What defines the rootfs: change any of it (or bump v1) and the rootfs is debootstrapped anew,
# into a folder named after this key, so that branches with different package lists sharing one
# cache do not undo each other's rootfs.
ROOTFS_KEY=$(printf 'rootfs-v1 %s %s %s %s\n' "$SUITE" "$MIRROR" "$SECURITY" "${DOM0_PKGS[*]}" |
	sha256sum | cut -c1-16)
LIBVIRT_KEY=$(printf 'libvirt-v1 %s %s\n' "$ROOTFS_KEY" "${LIBVIRT_PKGS[*]}" | sha256sum | cut -c1-16)
# What defines the outputs: the recipe files themselves.
RECIPE_KEY=$(cat "$HERE/build.sh" "$HERE/dom0-init" "$HERE/agent" "$HERE/dnsmasq.conf" "$HERE"/tools/*.c |
	sha256sum | cut -c1-16)

mkdir -p "$OUT" "$CACHE/debs"
# Two builds sharing a cache would trample each other's rootfs: serialise them.
exec 9>"$CACHE/.testbed.lock"
flock 9

if [ "$(cat "$OUT/.stamp" 2>/dev/null)" = "$RECIPE_KEY" ] &&
	[ -s "$OUT/xen" ] && [ -s "$OUT/vmlinuz" ] && [ -s "$OUT/dom0.cpio.zst" ] &&
	[ -s "$OUT/libvirt.cpio.zst" ]; then
	log "up to date in $OUT (recipe $RECIPE_KEY)"
	exit 0
fi

# ---------------------------------------------------------------------------------------------
# 1. The dom0 rootfs (pristine; trimmed copies are made from it below).
ROOTFS=$CACHE/rootfs-$ROOTFS_KEY
if [ ! -d "$ROOTFS" ]; then
	log "debootstrap $SUITE (minbase + ${#DOM0_PKGS[@]} packages) into $ROOTFS.new"
	rm -rf "$ROOTFS.new"
	inc=$(
		IFS=,
		echo "${DOM0_PKGS[*]}"
	)
	mkdir -p "$CACHE/debs/debootstrap"
	debootstrap --variant=minbase --include="$inc" --cache-dir="$CACHE/debs/debootstrap" \
		"$SUITE" "$ROOTFS.new" "$MIRROR" >"$CACHE/debootstrap-$ROOTFS_KEY.log" 2>&1 ||
		die "debootstrap failed, see $CACHE/debootstrap-$ROOTFS_KEY.log"

	# debootstrap only sees the main suite. Bring the rootfs up to the security/updates suites,
	# so that xen-utils matches the hypervisor the host's apt hands out (same version, below).
	log "upgrading the rootfs from $SUITE-security and $SUITE-updates"
	cat >"$ROOTFS.new/etc/apt/sources.list" <<-EOF
		deb $MIRROR $SUITE main
		deb $MIRROR $SUITE-updates main
		deb $SECURITY $SUITE-security main
	EOF
	# Never start services inside the chroot.
	printf '#!/bin/sh\nexit 101\n' >"$ROOTFS.new/usr/sbin/policy-rc.d"
	chmod 755 "$ROOTFS.new/usr/sbin/policy-rc.d"
	{
		chroot "$ROOTFS.new" apt-get -q update &&
			DEBIAN_FRONTEND=noninteractive chroot "$ROOTFS.new" apt-get -y -q \
				-o Dpkg::Options::=--force-confold dist-upgrade &&
			chroot "$ROOTFS.new" apt-get clean
	} >>"$CACHE/debootstrap-$ROOTFS_KEY.log" 2>&1 || die "rootfs upgrade failed, see $CACHE/debootstrap-$ROOTFS_KEY.log"
	mv "$ROOTFS.new" "$ROOTFS"
else
	log "rootfs cached ($ROOTFS_KEY)"
fi

# The same rootfs with libvirt installed (no recommends), also cached: the libvirt archive is
# what it has that the rootfs has not.
ROOTFS_LV=$CACHE/rootfs-libvirt-$LIBVIRT_KEY
if [ ! -d "$ROOTFS_LV" ]; then
	log "installing ${LIBVIRT_PKGS[*]} into a copy of the rootfs ($ROOTFS_LV.new)"
	rm -rf "$ROOTFS_LV.new"
	cp -a "$ROOTFS" "$ROOTFS_LV.new"
	{
		chroot "$ROOTFS_LV.new" apt-get -q update &&
			DEBIAN_FRONTEND=noninteractive chroot "$ROOTFS_LV.new" apt-get -y -q \
				--no-install-recommends install "${LIBVIRT_PKGS[@]}" &&
			chroot "$ROOTFS_LV.new" apt-get clean
	} >"$CACHE/libvirt-$LIBVIRT_KEY.log" 2>&1 || die "installing libvirt failed, see $CACHE/libvirt-$LIBVIRT_KEY.log"
	mv "$ROOTFS_LV.new" "$ROOTFS_LV"
else
	log "libvirt rootfs cached ($LIBVIRT_KEY)"
fi

# ---------------------------------------------------------------------------------------------
# 2. Hypervisor and kernel packages: downloaded once into CACHEDIR/debs, unpacked with dpkg -x.
APT_OPTS=(-q -o APT::Sandbox::User=root)
apt_updated=0
# fetch_deb PKG VERSION -> prints the path of the .deb in CACHEDIR/debs (downloads if absent)
fetch_deb() {
	local pkg=$1 ver=$2 f
	f=$CACHE/debs/${pkg}_${ver//:/%3a}_amd64.deb
	if [ ! -s "$f" ]; then
		log "apt-get download $pkg=$ver" >&2
		if ! (cd "$CACHE/debs" && apt-get download "${APT_OPTS[@]}" "$pkg=$ver") >&2; then
			# The host's package lists may be stale (the version left the mirror): refresh once.
			[ $apt_updated -eq 0 ] || die "cannot download $pkg=$ver"
			apt_updated=1
			apt-get update -q >&2
			(cd "$CACHE/debs" && apt-get download "${APT_OPTS[@]}" "$pkg=$ver") >&2 ||
				die "cannot download $pkg=$ver"
		fi
	fi
	[ -s "$f" ] || die "expected $f after download"
	echo "$f"
}
# unpack DEB -> prints a directory holding its unpacked contents (cached per .deb)
unpack() {
	local d
	d=$CACHE/unpacked/$(basename "$1" .deb)
	if [ ! -d "$d" ]; then
		rm -rf "$d.new"
		mkdir -p "$d.new"
		dpkg -x "$1" "$d.new"
		mv "$d.new" "$d"
	fi
	echo "$d"
}

# The hypervisor: exactly the version of the toolstack inside the rootfs.
# shellcheck disable=SC2016 # ${Version} is dpkg-query's, not ours
xen_ver=$(chroot "$ROOTFS" dpkg-query -W -f='${Version}' "xen-utils-$XENVER")
xen_dir=$(unpack "$(fetch_deb "xen-hypervisor-$XENVER-amd64" "$xen_ver")")
log "xen $xen_ver"
gunzip -c "$xen_dir/boot/xen-$XENVER-amd64.gz" >"$OUT/xen.new"
mv "$OUT/xen.new" "$OUT/xen"

# The kernel: whatever linux-image-amd64 currently depends on (linux-image-6.1.0-NN-amd64).
kpkg=$(apt-cache depends linux-image-amd64 2>/dev/null |
	sed -n 's/^ *Depends: \(linux-image-6\.1\.0-[0-9]*-amd64\)$/\1/p' | head -n1)
if [ -z "$kpkg" ]; then
	apt-get update -q
	apt_updated=1
	kpkg=$(apt-cache depends linux-image-amd64 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-image-6\.1\.0-[0-9]*-amd64\)$/\1/p' | head -n1)
fi
[ -n "$kpkg" ] || die "cannot resolve linux-image-amd64 to a linux-image-6.1.0-*-amd64 package"
kver=${kpkg#linux-image-}
kpkg_ver=$(apt-cache policy "$kpkg" | sed -n 's/^ *Candidate: //p')
if [ -z "$kpkg_ver" ] || [ "$kpkg_ver" = "(none)" ]; then
	die "no candidate version for $kpkg"
fi
k_dir=$(unpack "$(fetch_deb "$kpkg" "$kpkg_ver")")
log "kernel $kpkg $kpkg_ver"
cp "$k_dir/boot/vmlinuz-$kver" "$OUT/vmlinuz.new"
mv "$OUT/vmlinuz.new" "$OUT/vmlinuz"

# ---------------------------------------------------------------------------------------------
# 3. dom0's initramfs: a trimmed copy of the rootfs, plus modules, /init and the agent.
# trim DIR: drop from a rootfs what is never read at run time (roughly halves the archive).
trim() {
	(
		cd "$1"
		rm -rf usr/share/doc/* usr/share/man usr/share/info usr/share/lintian usr/share/linda \
			usr/share/groff usr/share/bug usr/share/common-licenses \
			var/cache/apt/* var/lib/apt/lists/* var/cache/debconf/*-old var/log/* \
			etc/apt/sources.list usr/sbin/policy-rc.d
		find usr/share/locale -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +
		find usr/share/i18n/locales -mindepth 1 -maxdepth 1 ! -name 'C' -exec rm -rf {} + 2>/dev/null || true
		find . -name __pycache__ -type d -prune -exec rm -rf {} +
		# Tools for HVM guests only (Petrel runs PV and PVH; PVH needs no firmware).
		rm -rf "usr/lib/xen-$XENVER/boot"
		# libvirtd loads every connection driver it finds and would fail to start with the QEMU
		# one (its user libvirt-qemu is made by libvirt-daemon-system, not installed). Keep the
		# libxl driver alone: Xen guests with bridged vifs and file/phy disks need nothing else.
		lv=usr/lib/x86_64-linux-gnu/libvirt
		if [ -d "$lv" ]; then
			find "$lv/connection-driver" -name 'libvirt_driver_*.so' ! -name libvirt_driver_libxl.so -delete
			rm -rf "$lv/storage-backend" "$lv/storage-file"
		fi
	)
}

STAGE=$CACHE/stage
log "staging dom0 rootfs in $STAGE"
rm -rf "$STAGE"
cp -a "$ROOTFS" "$STAGE"
trim "$STAGE"

# The libvirt archive: what the libvirt rootfs, trimmed alike, has that the stage has not (new
# files and directories, and changed ones such as dpkg's status), with libvirtd's config.
# Linux unpacks it over the base archive (a file of the same name is replaced).
LVSTAGE=$CACHE/stage-libvirt
log "staging the libvirt archive in $LVSTAGE"
rm -rf "$LVSTAGE"
cp -a "$ROOTFS_LV" "$LVSTAGE"
trim "$LVSTAGE"
# Debian ships libvirtd.conf in libvirt-daemon-system, which would pull in polkit, iptables,
# logrotate and the init scripts; libvirtd's built-in defaults ask polkit, which dom0 lacks.
# Here only root, through the unix socket, with no further authentication.
mkdir -p "$LVSTAGE/etc/libvirt"
printf '%s\n' 'auth_unix_rw = "none"' 'unix_sock_rw_perms = "0700"' \
	'log_outputs = "3:file:/var/log/libvirt/libvirtd.log"' >"$LVSTAGE/etc/libvirt/libvirtd.conf"
# libvirt's Xen driver names the host CPU after a model of its cpu_map, and refuses to start
# when none fits ("Cannot find suitable CPU model for given data"). Every x86 model there has
# VME, which QEMU's TCG does not emulate: add one without it (486 less VME), for this emulated
# testbed only.
lvmap=$LVSTAGE/usr/share/libvirt/cpu_map
printf '%s\n' '<cpus>' "  <model name='petrel-tcg'>" "    <decode host='on' guest='off'/>" \
	"    <feature name='fpu'/>" "    <feature name='pse'/>" '  </model>' '</cpus>' \
	>"$lvmap/x86_petrel-tcg.xml"
grep -q "<include filename='x86_486.xml'/>" "$lvmap/index.xml" || die "libvirt's cpu_map has no x86_486.xml"
sed -i "s|^\( *\)<include filename='x86_486.xml'/>|&\n\1<include filename='x86_petrel-tcg.xml'/>|" \
	"$lvmap/index.xml"
python3 - "$STAGE" "$LVSTAGE" >"$CACHE/libvirt-files" <<'PY'
import filecmp, os, stat, sys
base, lv = sys.argv[1:]
for root, dirs, files in os.walk(lv):
    for name in dirs + files:
        path = os.path.join(root, name)
        rel = os.path.relpath(path, lv)
        st = os.lstat(path)
        try:
            old = os.lstat(os.path.join(base, rel))
        except FileNotFoundError:
            print('./' + rel)
            continue
        if stat.S_IFMT(st.st_mode) != stat.S_IFMT(old.st_mode):
            changed = True
        elif stat.S_ISLNK(st.st_mode):
            changed = os.readlink(path) != os.readlink(os.path.join(base, rel))
        elif stat.S_ISREG(st.st_mode):
            changed = not filecmp.cmp(path, os.path.join(base, rel), shallow=False)
        else:
            changed = False
        if changed:
            print('./' + rel)
PY
log "libvirt adds $(wc -l <"$CACHE/libvirt-files") files"
(
	cd "$LVSTAGE"
	LC_ALL=C sort "$CACHE/libvirt-files" | cpio -o -H newc -R 0:0 --reproducible --quiet
) | zstd -q -9 -T0 -o "$OUT/libvirt.cpio.zst.new" -f
mv "$OUT/libvirt.cpio.zst.new" "$OUT/libvirt.cpio.zst"
rm -rf "$LVSTAGE" "$CACHE/libvirt-files"

# Modules: put the package's whole tree in, let the rootfs's own kmod resolve the closure of
# what we want, then delete everything else and index again. The host has no depmod; the
# rootfs's kmod runs in a chroot.
log "selecting kernel modules for $kver"
mdst=$STAGE/lib/modules/$kver
rm -rf "$STAGE/lib/modules"
mkdir -p "$STAGE/lib/modules"
cp -a "$k_dir/lib/modules/$kver" "$mdst"
chroot "$STAGE" depmod "$kver"
want=()
for d in "${MOD_DIRS[@]}"; do
	while IFS= read -r f; do want+=("$(basename "$f" .ko)"); done < <(find "$mdst/kernel/$d" -name '*.ko')
done
for f in "${MOD_FILES[@]}"; do
	[ -f "$mdst/kernel/$f" ] || die "module $f not in $kpkg"
	want+=("$(basename "$f" .ko)")
done
keep=$(mktemp)
for m in "${want[@]}"; do
	chroot "$STAGE" modprobe -S "$kver" --show-depends "$m" |
		sed -n "s|^insmod /lib/modules/$kver/\([^ ]*\).*|\1|p"
done | sort -u >"$keep"
(
	cd "$mdst"
	find kernel -name '*.ko' | sort | comm -23 - "$keep" | xargs -r rm -f
	find kernel -depth -type d -empty -delete
)
log "kept $(wc -l <"$keep") modules"
rm -f "$keep"
chroot "$STAGE" depmod "$kver"

# Our init and agent. /petrel/jobs is where boot.sh's per-run archive lands.
install -m 755 "$HERE/dom0-init" "$STAGE/init"
mkdir -p "$STAGE/petrel/jobs"
install -m 755 "$HERE/agent" "$STAGE/petrel/agent"
install -m 644 "$HERE/dnsmasq.conf" "$STAGE/etc/petrel-dnsmasq.conf"
# dom0-side helpers for tests (tools/*.c), built on the host, static so that they do not care
# which glibc the rootfs has.
for src in "$HERE"/tools/*.c; do
	gcc -static -O2 -Wall -Wextra -Werror -o "$STAGE/usr/local/bin/$(basename "$src" .c)" "$src" ||
		die "building dom0 tool $src failed"
done
echo petrel-dom0 >"$STAGE/etc/hostname"
rm -f "$STAGE/etc/resolv.conf"
log "dom0 rootfs: $(du -sh "$STAGE" | cut -f1)"

# zstd, not gzip: the kernel unpacks it several times faster under TCG, and the archive is
# smaller. The Debian kernel has CONFIG_RD_ZSTD=y. Level 9 packs in seconds where 19 took
# minutes, for a slightly larger archive; do not use --long/--ultra (the kernel's
# decompressor wants a small window).
log "packing $OUT/dom0.cpio.zst"
(
	cd "$STAGE"
	find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc -R 0:0 --reproducible --quiet
) | zstd -q -9 -T0 -o "$OUT/dom0.cpio.zst.new" -f
mv "$OUT/dom0.cpio.zst.new" "$OUT/dom0.cpio.zst"
rm -rf "$STAGE"

{
	echo "xen $xen_ver"
	echo "kernel $kpkg $kpkg_ver"
	echo "rootfs $ROOTFS_KEY"
	echo "libvirt $LIBVIRT_KEY"
	echo "recipe $RECIPE_KEY"
} >"$OUT/versions"
echo "$RECIPE_KEY" >"$OUT/.stamp"
log "done: $OUT/{xen,vmlinuz,dom0.cpio.zst,libvirt.cpio.zst} ($(du -h "$OUT/dom0.cpio.zst" | cut -f1) initramfs, $(du -h "$OUT/libvirt.cpio.zst" | cut -f1) libvirt)"
