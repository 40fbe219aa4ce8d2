#!/usr/bin/env python3
"""Benchmark: image sizes, Petrel's appliances next to the Linux domU's.

Petrel: the stripped images of apps/hello, apps/httpd and apps/kvstore
(build/apps/APP/APP.stripped, what `petrel run` boots). Linux: what
bench/net.py boots for the same apps: the testbed's kernel (vmlinuz, a
compressed bzImage) plus the busybox initramfs (gzip) that
test/integration/linux_guest.py builds with the native apps in it.

    python3 bench/sizes.py [OUT.md]    (make bench runs it)

Writes the table to OUT.md (default build/bench/sizes.md) and stdout, the
sizes to OUT.json. Needs `make` and the testbed built; boots nothing.
"""
import os
import subprocess
import sys
import tempfile

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
sys.path.insert(0, os.path.join(TOP, 'sdk', 'lib'))
sys.path.insert(0, os.path.join(TOP, 'test', 'integration'))
from petrel.session import TESTBED_DIR  # noqa: E402
import linux_guest  # noqa: E402
import benchlib  # noqa: E402

APPS = ('hello', 'httpd', 'kvstore')


def petrel_sizes():
    sizes = {}
    for app in APPS:
        path = os.path.join(TOP, 'build/apps', app, app + '.stripped')
        sizes[app] = os.path.getsize(path) if os.path.exists(path) else None
    return sizes


def linux_sizes():
    """The kernel's and the initramfs's bytes, as bench/net.py boots them."""
    with tempfile.TemporaryDirectory(prefix='bench-sizes-') as tmp:
        initrd = os.path.join(tmp, 'initrd')
        linux_guest.make_initrd(initrd)
        return {'kernel': os.path.getsize(os.path.join(TESTBED_DIR,
                                                       'vmlinuz')),
                'initramfs': os.path.getsize(initrd),
                'initramfs_apps': list(linux_guest.APPS)}


def main():
    out = benchlib.output_path(__doc__,
                               os.path.join(TOP, 'build/bench/sizes.md'))
    os.makedirs(os.path.dirname(out), exist_ok=True)
    petrel, problems = petrel_sizes(), []
    try:
        linux = linux_sizes()
    except (OSError, RuntimeError, KeyError,
            subprocess.SubprocessError) as e:
        linux = {}
        problems.append('Linux initramfs: %s' % e)
    lines = ['| image | bytes |', '|---|---|']
    lines += ['| Petrel %s (stripped) | %s |' % (app, petrel[app] or
                                                  'not built')
              for app in APPS]
    for part in ('kernel', 'initramfs'):
        lines.append('| Linux domU %s | %s |' % (part, linux.get(part,
                                                               'unknown')))
    with open(out, 'w') as f:
        f.write('\n'.join(lines) + '\n')
    benchlib.save_json(out, {'petrel': petrel, 'linux': linux}, problems)
    print('\n'.join(lines + problems))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
