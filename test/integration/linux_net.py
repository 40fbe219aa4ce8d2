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
import copy
import os
import re
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.abspath(os.path.join(HERE, '..', '..'))
sys.path.insert(0, os.path.join(TOP, 'sdk', 'lib'))
sys.path.insert(0, HERE)
from petrel.jobs import number_hosts  # noqa: E402
import linux_guest  # noqa: E402
import suite  # noqa: E402


def petrel_lines_skipped(test):
    """test without the console lines only Petrel prints (its netfront's
    offloads line): the checks of what the app and the network did stay."""
    linux = copy.copy(test)
    linux.expect = [x for x in test.expect if 'offloads:' not in x]
    return linux


def main():
    only = set(sys.argv[1:])
    tests = [t for t in suite.NET_TESTS if not only or t.name in only]
    jobs = [t.job() for t in tests]
    number_hosts(jobs)
    with tempfile.TemporaryDirectory(prefix='linux-net-') as tmp:
        names = ['%02d-%s' % (i, t.name) for i, t in enumerate(tests)]
        for i, (name, t, j) in enumerate(zip(names, tests, jobs)):
            linux_guest.write_job(tmp, name, j, t.app, t.args,
                                  names[0] if i else None)
        log = os.path.join(TOP, 'build', 'linux-net-testbed.log')
        res = linux_guest.boot(tmp, names, log)
    failed = 0
    for name, t in zip(names, tests):
        job = res.jobs[name]
        ended = any(re.match(r'linux-net: app exited 0$', x)
                    for x in job.console)
        if job.result == 'noexit' and ended:
            job.result, job.status = 'exit', 0
        why = petrel_lines_skipped(t).check(job)
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
