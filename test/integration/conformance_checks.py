#!/usr/bin/env python3
"""Host-side checks of `petrel test` (sdk/lib/petrel/conformance.py and
the command), without booting: the test list read from the built suite
image matches the PETREL_TEST registrations in apps/conformance, instance
names and --list, pattern selection, how one instance's console and exit
status are judged (XTF's "Test result:" line), xtf-runner's exit codes
(worst wins), and PVH instances coming out as SKIP with a reason when
the image cannot boot PVH (a copy without its PVH entry note). Prints PASS/FAIL lines. Needs `make` done.
"""
import glob
import os
import re
import subprocess
import sys

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
sys.path.insert(0, os.path.join(TOP, 'sdk', 'lib'))
from petrel import conformance as c  # noqa: E402
from petrel.jobs import MODES  # noqa: E402
from no_pvh_entry import copy_without_pvh_entry  # noqa: E402

PETREL = os.path.join(TOP, 'sdk', 'bin', 'petrel')
IMAGE = os.path.join(TOP, 'build', 'apps', 'conformance', 'conformance')
failed = 0


def check(name, fn):
    global failed
    try:
        why = fn()
    except Exception as e:  # a check that blows up is a failure
        why = '%s: %s' % (type(e).__name__, e)
    if why:
        failed += 1
        print('FAIL: conformance/%s: %s' % (name, why))
    else:
        print('PASS: conformance/%s' % name)


def registered():
    names = []
    for path in sorted(glob.glob(os.path.join(TOP, 'apps', 'conformance',
                                              '*.c'))):
        with open(path) as f:
            names += re.findall(r'^PETREL_TEST\(\s*(\w+),', f.read(), re.M)
    return names


def petrel(*args):
    return subprocess.run([PETREL] + list(args), capture_output=True,
                          text=True, timeout=120, stdin=subprocess.DEVNULL)


def t_list_from_image():
    got = [n for n, _ in c.list_tests(IMAGE)]
    if sorted(got) != sorted(registered()):
        return 'image lists %s, sources register %s' % (got, registered())
    if len(got) < 10:
        return 'only %d tests' % len(got)
    stripped = [n for n, _ in c.list_tests(IMAGE + '.stripped')]
    if stripped != got:
        return 'the stripped image lists %s' % stripped


def t_list_command():
    p = petrel('test', '--list', '--suite', IMAGE)
    if p.returncode != 0:
        return 'status %d: %s' % (p.returncode, p.stderr)
    want = ['test-%s64-%s' % (m, n) for m in ('pv', 'pvh')
            for n, _ in c.list_tests(IMAGE)]
    got = [line.split()[0] for line in p.stdout.splitlines()]
    if got != want:
        return 'listed %s' % got
    p = petrel('test', 'no_such_test_xyz', '--list', '--suite', IMAGE)
    if p.returncode != 2 or 'no conformance test matches' not in p.stderr:
        return 'no match: status %d, %s' % (p.returncode, p.stderr)


def t_select():
    tests = [('wx_text', 'a'), ('wx_rodata', 'b'), ('xen_version', 'c')]
    got = [x[0] for x in c.select(tests, 'wx', ['pv'])]
    if got != ['test-pv64-wx_text', 'test-pv64-wx_rodata']:
        return 'plain word: %s' % got
    got = [x[0] for x in c.select(tests, 'test-pvh64-*version', MODES)]
    if got != ['test-pvh64-xen_version']:
        return 'glob on instance: %s' % got
    got = [x[0] for x in c.select(tests, None, MODES)]
    if len(got) != 6 or got[3] != 'test-pvh64-wx_text':
        return 'all: %s' % got


def t_judge():
    cases = [
        (('exit', 0, ['Test wx: t', 'Test result: SUCCESS']),
         ('SUCCESS', '')),
        (('exit', 3, ['Skip: PV only', 'Test result: SKIP']),
         ('SKIP', 'PV only')),
        (('exit', 4, ['Error: no page', 'Test result: ERROR']),
         ('ERROR', 'no page')),
        (('exit', 5, ['Skip: a', 'Failure: x.c:3: rc is 1',
                      'Failure: second', 'Test result: FAILURE']),
         ('FAILURE', 'x.c:3: rc is 1')),
        (('exit', 0, ['Test result: FAILURE']),
         ('ERROR', 'console says FAILURE but the exit status is 0')),
        (('exit', 0, ['hello']),
         ('CRASH', 'no "Test result:" line (exit status 0)')),
        (('crash', -1, [], 'page fault at 0x0'),
         ('CRASH', 'guest crashed: page fault at 0x0')),
        (('timeout', -1, []), ('CRASH', 'guest timed out (no result)')),
    ]
    for args, want in cases:
        got = c.judge(*args)
        if got != want:
            return '%r: %r, expected %r' % (args, got, want)


def t_exit_codes():
    cases = [([], 0), (['SUCCESS'], 0), (['SUCCESS', 'SKIP'], 3),
             (['ERROR', 'SKIP'], 4), (['FAILURE', 'ERROR', 'SUCCESS'], 5),
             (['SKIP', 'CRASH', 'FAILURE'], 6)]
    for results, want in cases:
        if c.exit_code(results) != want:
            return '%s: %d, expected %d' % (results, c.exit_code(results),
                                            want)
    rows = [('test-pv64-a', 'SUCCESS', ''), ('test-pvh64-a', 'SKIP', 'why')]
    last = c.table(rows)[-1]
    if last != '2 instances: 1 SUCCESS, 1 SKIP; combined result: SKIP':
        return 'table summary: %r' % last


def t_pvh_skips_without_entry():
    old = os.path.join(TOP, 'build', 'conformance-no-pvh')
    copy_without_pvh_entry(IMAGE, old)
    p = petrel('test', 'xen_version', '--mode', 'pvh', '--suite', old)
    rows = [line for line in p.stdout.splitlines()
            if line.startswith('test-pvh64-')]
    if p.returncode != 3 or len(rows) != 1:
        return 'status %d, rows %s, stderr %s' % (p.returncode, rows,
                                                  p.stderr[-300:])
    if not re.search(r'\bSKIP\s+PVH boot not available.*no PVH entry',
                     rows[0]):
        return 'row: %r' % rows[0]

for name, fn in [('list-from-image', t_list_from_image),
                 ('list-command', t_list_command), ('select', t_select),
                 ('judge', t_judge), ('exit-codes', t_exit_codes),
                 ('pvh-skips', t_pvh_skips_without_entry)]:
    check(name, fn)
sys.exit(1 if failed else 0)
