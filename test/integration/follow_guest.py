#!/usr/bin/env python3
"""follow_guest.py: the runner follows a guest across `xl save` + `xl
restore` and `xl migrate localhost` (images/testbed/agent: the guest is
tracked by its name; README "The protocol").

A Linux guest (linux_guest.py: the testbed's own kernel, a busybox
initramfs) prints "tick N" every half second until dom0 writes its
xenstore key data/petrel-stop; then it writes its exit status, 7, to
data/petrel-exit and powers off. Its dom0 script (dom0/follow.sh) saves and
restores it, then migrates it to localhost, with the helpers of
dom0/lib.sh. The checks: the job ends with result=exit status=7 (read from
the last domain's key), the agent reported each new domid ("resumed"), and
the console stream carries every tick once, in order, across both moves.
One testbed boot: 2 minutes on a quiet host (the guest's part, 30 s of
it), 4-5 when the host is busy (three copies of 96 MB of guest memory):

    python3 test/integration/follow_guest.py

Prints "PASS: follow/NAME" / "FAIL: follow/NAME: why".
"""
import os
import re
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.abspath(os.path.join(HERE, '..', '..'))
sys.path.insert(0, os.path.join(TOP, 'sdk', 'lib'))
sys.path.insert(0, HERE)
from petrel.jobs import TESTBED_TSC_MODE  # noqa: E402
from petrel.session import TESTBED_DIR  # noqa: E402
import linux_guest  # noqa: E402

JOB = '00-follow'
# PVH: this Xen has no shadow paging, which a PV guest's live migration
# needs (log-dirty mode); a PVH one's uses HAP's. Save and migration copy
# all of the guest's memory, but this kernel does not
# boot as PVH in 80 MB, nor does it survive being ballooned down to 64 MB
# (out of memory, both).
GUEST_TYPE = 'pvh'
MEMORY_MB = 96
TIMEOUT = 240
EXIT_STATUS = 7

INIT = r'''#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
i=0
while [ -z "$(xenstore-read data/petrel-stop 2>/dev/null)" ] && [ $i -lt 1000 ]; do
	echo "tick $i"
	i=$((i + 1))
	sleep 0.5
done
echo "stopping after tick $((i - 1))"
xenstore-write data/petrel-exit %d
poweroff -f
''' % EXIT_STATUS

# xenstore-read and -write, with what they link to, from the testbed's rootfs.
XENSTORE_TOOLS = ('usr/bin/xenstore-read', 'usr/bin/xenstore-write',
                  'lib/x86_64-linux-gnu/libxenstore.so.4',
                  'lib/x86_64-linux-gnu/libxentoolcore.so.1')


def write_job(jobs):
    d = os.path.join(jobs, JOB)
    os.makedirs(d)
    shutil.copy(os.path.join(TESTBED_DIR, 'vmlinuz'), d + '/image')
    linux_guest.make_initrd(d + '/initrd', INIT, apps=(),
                            extra=XENSTORE_TOOLS)
    with open(d + '/guest.cfg', 'w') as f:
        f.write('name = "linux-%s"\ntype = "%s"\n'
                'kernel = "/petrel/jobs/%s/image"\n'
                'ramdisk = "/petrel/jobs/%s/initrd"\n'
                'extra = "console=hvc0 quiet"\nmemory = %d\n'
                'on_poweroff = "preserve"\non_crash = "preserve"\n'
                'on_reboot = "preserve"\n%s\n'
                % (JOB, GUEST_TYPE, JOB, JOB, MEMORY_MB, TESTBED_TSC_MODE))
    with open(d + '/timeout', 'w') as f:
        f.write('%d\n' % TIMEOUT)
    for name, src in (('dom0.sh', 'follow.sh'), ('dom0-lib.sh', 'lib.sh')):
        shutil.copy(os.path.join(HERE, 'dom0', src), os.path.join(d, name))


def ticks_problem(console):
    """Why the ticks are not 0, 1, 2... each once up to the last one the
    guest says it printed, or None."""
    ticks = [int(m.group(1)) for m in
             (re.match(r'^tick (\d+)$', x) for x in console) if m]
    last = [int(m.group(1)) for m in
            (re.match(r'^stopping after tick (\d+)$', x) for x in console)
            if m]
    if not last:
        return 'the guest never said it stopped'
    want = list(range(last[0] + 1))
    if ticks == want:
        return None
    for i, (got, exp) in enumerate(zip(ticks, want)):
        if got != exp:
            return 'tick %d where %d was due (%s)' % (
                got, exp, 'duplicate' if got < exp else 'lost')
    return '%d ticks, %d expected' % (len(ticks), len(want))


def checks(job):
    """(name, problem or None) for each check."""
    yield 'dom0', None if job.dom0_status == 0 and all(
        any(x.startswith('ok: %s (' % step) for x in job.dom0)
        for step in ('save', 'restore', 'migrate')) else \
        'dom0 script: status %r' % job.dom0_status
    domids = [d for d, _ in job.resumed]
    yield 'resumed', None if len(domids) == 2 and len(set(domids)) == 2 \
        else 'resumed under domids %r, expected two new ones' % domids
    yield 'ticks', ticks_problem(job.console)
    yield 'status', None if (job.result, job.status) == (
        'exit', EXIT_STATUS) else 'job ended %s status=%d' % (
        job.result, job.status)


def main():
    with tempfile.TemporaryDirectory(prefix='follow-') as tmp:
        write_job(tmp)
        log = os.path.join(TOP, 'build', 'follow-testbed.log')
        res = linux_guest.boot(tmp, [JOB], log)
    job = res.jobs[JOB]
    failed = 0
    for name, why in checks(job):
        if why:
            failed = 1
            print('FAIL: follow/%s: %s' % (name, why))
        else:
            print('PASS: follow/%s' % name)
    if failed:
        for line in job.console[-15:] + ['dom0| ' + x for x in job.dom0]:
            print('    | ' + line)
    if not res.completed:
        print('FAIL: follow/testbed: the testbed did not finish (log %s)'
              % log)
        failed = 1
    return failed


if __name__ == '__main__':
    sys.exit(main())
