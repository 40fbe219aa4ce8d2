#!/usr/bin/env python3
"""linux_net.py: the network tests of suite.py (NET_TESTS) with a Linux
guest in place of Petrel: the testbed's own kernel as a PV domU, a busybox
initramfs (from the testbed's cached rootfs, with xen-netfront.ko), and the
apps built natively. Each guest sets up its vifs as a Petrel guest would (a
static vif's address, which the runner wrote as ip=, comes on the kernel
command line; a DHCP vif asks dnsmasq), prints the same "net: ethN ..."
line, then runs the app. The dom0 scripts and the checks are suite.py's.

So this checks the testbed side of networking (bridges, dnsmasq's DHCP,
router advertisements and DNS, the agent's GUEST_IP* variables), the dom0
scripts and netclient.py, and the apps over a real Xen network, all without
Petrel's network stack. A reference, not part of `make test` (one testbed
boot, 5-8 minutes for all eight tests):

    python3 test/integration/linux_net.py [TESTNAME...]

Prints "PASS: linux-net/NAME" / "FAIL: linux-net/NAME: why". A Linux guest
cannot report an exit status, so the checks take "the app ended" for it.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.abspath(os.path.join(HERE, '..', '..'))
sys.path.insert(0, os.path.join(TOP, 'sdk', 'lib'))
sys.path.insert(0, HERE)
from petrel.jobs import number_hosts  # noqa: E402
from petrel.session import Session, TESTBED_DIR  # noqa: E402
import apps_native  # noqa: E402
import suite  # noqa: E402

CACHE = os.path.join(TOP, 'build', 'cache')

# The guest's /init: vifs as PNET says ("static:ADDR" or "dhcp", comma-
# separated, in vif order), then the app (init's arguments), then power-off.
INIT = r'''#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
echo "hosts: files dns" >/etc/nsswitch.conf
insmod /xen-netfront.ko
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


def make_initrd(path):
    """busybox and its libraries from the testbed's rootfs, the kernel's
    xen-netfront.ko, the native apps, /init."""
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
        shutil.copy(os.path.join(kdir, 'lib/modules', krel,
                                 'kernel/drivers/net/xen-netfront.ko'), root)
        for app in ('httpd', 'echo', 'tests/netclient'):
            shutil.copy(apps_native.build(app), root + '/apps/')
        for name, text in (('init', INIT), ('udhcpc.sh', UDHCPC)):
            with open(os.path.join(root, name), 'w') as f:
                f.write(text)
            os.chmod(os.path.join(root, name), 0o755)
        subprocess.run('find . | cpio -o -H newc --quiet | gzip >%s' % path,
                       shell=True, cwd=root, check=True)


def write_job(jobs, name, test, job, shared):
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
    words = [os.path.basename(test.app)] + list(test.args)
    with open(d + '/guest.cfg', 'w') as f:
        f.write('name = "linux-%s"\ntype = "pv"\n'
                'kernel = "/petrel/jobs/%s/image"\n'
                'ramdisk = "/petrel/jobs/%s/initrd"\n'
                'extra = "console=hvc0 quiet PNET=%s -- %s"\n'
                'memory = 128\nvif = [%s]\non_poweroff = "preserve"\n'
                'on_crash = "preserve"\non_reboot = "preserve"\n'
                % (name, name, name, pnet, ' '.join(words),
                   ', '.join("'%s'" % s for s in specs)))
    with open(d + '/timeout', 'w') as f:
        f.write('%d\n' % test.timeout)
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


def main():
    only = set(sys.argv[1:])
    tests = [t for t in suite.NET_TESTS if not only or t.name in only]
    jobs = [t.job() for t in tests]
    number_hosts(jobs)
    with tempfile.TemporaryDirectory(prefix='linux-net-') as tmp:
        names = ['%02d-%s' % (i, t.name) for i, t in enumerate(tests)]
        for i, (name, t, j) in enumerate(zip(names, tests, jobs)):
            write_job(tmp, name, t, j, names[0] if i else None)
        log = os.path.join(TOP, 'build', 'linux-net-testbed.log')
        proc = subprocess.Popen(['bash', os.path.join(
            TOP, 'images/testbed/boot.sh'), TESTBED_DIR, tmp, log],
            stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)
        res = Session()._consume(proc, [Plain(n) for n in names],
                                 {n: Plain(n) for n in names})
        proc.wait()
    failed = 0
    for name, t in zip(names, tests):
        job = res.jobs[name]
        # The guest's lines end in CR (its tty); Petrel's do not.
        job.console = [line.rstrip('\r') for line in job.console]
        ended = any(re.match(r'linux-net: app exited 0$', x)
                    for x in job.console)
        if job.result == 'noexit' and ended:
            job.result, job.status = 'exit', 0
        why = t.check(job)
        if why:
            failed = 1
            print('FAIL: linux-net/%s: %s' % (t.name, why))
            for line in job.console[-15:] + ['dom0| ' + x
                                             for x in job.dom0[-10:]]:
                print('    | ' + line)
        else:
            print('PASS: linux-net/%s' % t.name)
    if not res.completed:
        print('FAIL: linux-net/testbed: the testbed did not finish (log %s)'
              % log)
        failed = 1
    return failed


if __name__ == '__main__':
    sys.exit(main())
