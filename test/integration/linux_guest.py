#!/usr/bin/env python3
"""linux_guest.py: a Linux PV domU for reference runs in the testbed: the
testbed's own kernel, a busybox initramfs (from the testbed's cached
rootfs, with xen-netfront.ko and xen-blkfront.ko) and apps built
natively; a job's disks come as a Petrel guest's would (xvda, ...,
through the testbed's drives). Its /init sets up
the vifs as a Petrel guest would (a static vif's address, which the
runner wrote as ip=, comes on the kernel command line; a DHCP vif asks
dnsmasq), prints the same "net: ethN ..." line, runs the app, prints
"linux-net: app exited N" and powers off. Used by linux_net.py (the
network tests against Linux) and bench/net.py and bench/blk.py (the
Linux reference).
"""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.abspath(os.path.join(HERE, '..', '..'))
sys.path.insert(0, os.path.join(TOP, 'sdk', 'lib'))
sys.path.insert(0, HERE)
from petrel.session import Session, TESTBED_DIR  # noqa: E402
import apps_native  # noqa: E402
from petrel.disks import xl_disk_specs  # noqa: E402
from petrel.jobs import TESTBED_TSC_MODE  # noqa: E402

CACHE = os.path.join(TOP, 'build', 'cache')

# The guest's /init: vifs as PNET says ("static:ADDR" or "dhcp", comma-
# separated, in vif order), then the app (init's arguments), then power-off.
INIT = r'''#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
echo "hosts: files dns" >/etc/nsswitch.conf
insmod /xen-netfront.ko
insmod /xen-blkfront.ko
sleep 1
ip link set lo up
i=0
for spec in $(echo "$PNET" | tr ',' ' '); do
	ip link set eth$i up
	case $spec in
	static:*)
		ip addr add ${spec#static:}/24 dev eth$i
		echo "net: eth$i ${spec#static:}/24 (xenstore ip)" ;;
	dhcp) udhcpc -i eth$i -s /udhcpc.sh -q -t 30 -T 1 -n ;;
	esac
	i=$((i + 1))
done
app=$1
shift
/apps/$app "$@"
echo "linux-net: app exited $?"
poweroff -f
'''
UDHCPC = r'''#!/bin/sh
case $1 in
bound | renew)
	ip addr add $ip/${mask:-24} dev $interface
	echo "net: $interface $ip/24 gw $router (dhcp)"
	[ -z "$dns" ] || echo "nameserver ${dns%% *}" >/etc/resolv.conf ;;
esac
'''


def testbed_versions():
    with open(os.path.join(TESTBED_DIR, 'versions')) as f:
        return dict(line.split(' ', 1) for line in f.read().splitlines())


APPS = ('httpd', 'echo', 'tests/netclient', 'blkbench')


def make_initrd(path, init=INIT, apps=APPS, extra=()):
    """busybox and its libraries from the testbed's rootfs, the kernel's
    xen-netfront.ko, the native apps, /init; extra: more files of the
    rootfs (paths relative to it), copied to the same place."""
    v = testbed_versions()
    rootfs = os.path.join(CACHE, 'rootfs-' + v['rootfs'])
    kpkg, kver = v['kernel'].split()
    kdir = os.path.join(CACHE, 'unpacked', '%s_%s_amd64' % (kpkg, kver))
    krel = kpkg[len('linux-image-'):]
    with tempfile.TemporaryDirectory() as root:
        for d in ('bin', 'lib/x86_64-linux-gnu', 'lib64', 'proc', 'sys', 'dev',
                  'etc', 'tmp', 'apps'):
            os.makedirs(os.path.join(root, d))
        shutil.copy(os.path.join(rootfs, 'bin/busybox'), root + '/bin/')
        for lib in ('lib/x86_64-linux-gnu/libc.so.6',
                    'lib/x86_64-linux-gnu/libresolv.so.2',
                    'lib64/ld-linux-x86-64.so.2'):
            shutil.copy(os.path.join(rootfs, lib), os.path.join(root, lib))
        for mod in ('net/xen-netfront.ko', 'block/xen-blkfront.ko'):
            shutil.copy(os.path.join(kdir, 'lib/modules', krel,
                                     'kernel/drivers', mod), root)
        for app in apps:
            shutil.copy(apps_native.build(app), root + '/apps/')
        for rel in extra:
            os.makedirs(os.path.dirname(os.path.join(root, rel)),
                        exist_ok=True)
            shutil.copy(os.path.join(rootfs, rel), os.path.join(root, rel))
        for name, text in (('init', init), ('udhcpc.sh', UDHCPC)):
            with open(os.path.join(root, name), 'w') as f:
                f.write(text)
            os.chmod(os.path.join(root, name), 0o755)
        subprocess.run('find . | cpio -o -H newc --quiet | gzip >%s' % path,
                       shell=True, cwd=root, check=True)


def write_job(jobs, name, job, app, args, shared=None):
    """A job folder booting the Linux guest with the native app (its
    basename) and args, and the vifs, timeout, dom0 script and files of
    job (a petrel Job). shared: the folder of an earlier job whose kernel
    and initrd this one links to (one copy in the jobs archive)."""
    d = os.path.join(jobs, name)
    os.makedirs(d)
    if shared is None:
        shutil.copy(os.path.join(TESTBED_DIR, 'vmlinuz'), d + '/image')
        make_initrd(d + '/initrd')
    else:  # one copy for all: the jobs archive keeps symlinks
        os.symlink('../%s/image' % shared, d + '/image')
        os.symlink('../%s/initrd' % shared, d + '/initrd')
    specs = job.vif_specs()
    pnet = ','.join('static:' + s.split('ip=')[1] if 'ip=' in s else 'dhcp'
                    for s in specs)
    words = [os.path.basename(app)] + list(args)
    with open(d + '/guest.cfg', 'w') as f:
        f.write('name = "linux-%s"\ntype = "pv"\n'
                'kernel = "/petrel/jobs/%s/image"\n'
                'ramdisk = "/petrel/jobs/%s/initrd"\n'
                'extra = "console=hvc0 quiet PNET=%s -- %s"\n'
                'memory = 128\nvif = [%s]\ndisk = [%s]\n'
                'on_poweroff = "preserve"\non_crash = "preserve"\n'
                'on_reboot = "preserve"\n%s\n'
                % (name, name, name, pnet, ' '.join(words),
                   ', '.join("'%s'" % s for s in specs),
                   ', '.join("'%s'" % s for s in xl_disk_specs(
                       job.disks, job.disk_targets)), TESTBED_TSC_MODE))
    with open(d + '/timeout', 'w') as f:
        f.write('%d\n' % job.timeout)
    if job.dom0_script:
        shutil.copy(job.dom0_script, d + '/dom0.sh')
    for rel, src in job.files.items():
        shutil.copy(src, os.path.join(d, rel))


class Plain:
    """What Session wants of a job and of its symbolizer."""

    def __init__(self, name):
        self.name = name

    @staticmethod
    def annotate(line):
        return line


def boot(jobs_dir, names, log):
    """Boot the testbed on jobs_dir (job folders names); the Session
    result, each job's console lines without the guest tty's CRs."""
    proc = subprocess.Popen(['bash', os.path.join(
        TOP, 'images/testbed/boot.sh'), TESTBED_DIR, jobs_dir, log],
        stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)
    res = Session()._consume(proc, [Plain(n) for n in names],
                             {n: Plain(n) for n in names})
    proc.wait()
    for job in res.jobs.values():
        job.console = [line.rstrip('\r') for line in job.console]
    return res
