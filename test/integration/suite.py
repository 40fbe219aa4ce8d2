#!/usr/bin/env python3
"""Integration tests: boot real Petrel images on real Xen, once per suite.

All tests' guests run in one testbed boot (Xen 4.17 + Debian dom0 under
QEMU), one after another. Each test states what it checks; results are
printed as "PASS: integration/<name>" or "FAIL: integration/<name>: why".
"""
import os
import re
import sys

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
sys.path.insert(0, os.path.join(TOP, 'sdk', 'lib'))
from petrel.jobs import Job  # noqa: E402
from petrel.session import Session  # noqa: E402


def image(app):
    """Where an app's image is: apps/* are built by the Makefile; a
    build/... path names an image built some other way (CMake)."""
    if app.startswith('build/'):
        return os.path.join(TOP, app)
    return os.path.join(TOP, 'build', app, os.path.basename(app))


class Test:
    def __init__(self, name, doc, app, args=(), mem=16, result='exit',
                 status=0, expect=(), timeout=60, dom0=None, dom0_expect=(),
                 check=None, net=False, env=()):
        self.name, self.doc, self.app = name, doc, app
        self.args, self.mem = list(args), mem
        self.result, self.status = result, status
        self.expect, self.timeout = list(expect), timeout
        self.dom0, self.dom0_expect = dom0, list(dom0_expect)
        self.extra_check = check
        self.net = net
        self.env = list(env)

    def job(self):
        script = os.path.join(TOP, 'test/integration/dom0', self.dom0) \
            if self.dom0 else None
        return Job(name=self.name, image=image(self.app), args=self.args,
                   mem_mb=self.mem, timeout=self.timeout,
                   dom0_script=script, net=self.net, env=self.env)

    def check(self, job):
        """Return None when the test passed, else the reason it failed."""
        if job.result != self.result:
            return 'result %r, expected %r' % (job.result, self.result)
        if self.result == 'exit' and job.status != self.status:
            return 'exit status %d, expected %d' % (job.status, self.status)
        for rx in self.expect:
            if not any(re.search(rx, line) for line in job.console):
                return 'no console line matches %r' % rx
        for rx in self.dom0_expect:
            if not any(re.search(rx, line) for line in job.dom0):
                return 'no dom0 script line matches %r' % rx
        if self.dom0 and job.dom0_status != 0:
            return 'dom0 script exited with %r' % job.dom0_status
        return self.extra_check(job) if self.extra_check else None


def number_in(lines, rx):
    for line in lines:
        m = re.search(rx, line)
        if m:
            return float(m.group(1))
    return None


def wallclock_close(job):
    """The guest value was written at most one publish period (100 ms)
    before dom0 read it, somewhere inside [before, after]."""
    guest = number_in(job.dom0, r'guest=(\d+)')
    before = number_in(job.dom0, r'dom0_before=(\d+)')
    after = number_in(job.dom0, r'dom0_after=(\d+)')
    if None in (guest, before, after):
        return 'wall clock figures missing from the dom0 script'
    if not before - 100 - 1000 < guest < after + 1000:
        return ('guest wall clock %d is not within 1 s of dom0\'s '
                '[%d, %d]' % (guest, before, after))
    return None


def oom_counts_match(job):
    got = number_in(job.console, r'^oom: got (\d+) blocks')
    again = number_in(job.console, r'^oom: after free, reallocated (\d+)')
    if got is None or got < 100 or got != again:
        return 'filled %r blocks, refilled %r' % (got, again)
    return None


def reported_stack_overflow(job):
    reason = job.crash_reason()
    if not reason.startswith('stack overflow'):
        return 'crash reported as %r, not as a stack overflow' % reason
    return None


def idle_cpu_low(job):
    pct = number_in(job.dom0, r'idle-cpu: percent=([\d.]+)')
    if pct is None or pct >= 1.0:
        return 'idle guest used %r%% of a CPU (limit 1%%)' % pct
    return None


POSIX_SRC = os.path.join(TOP, 'apps', 'tests', 'posix', 'posix.c')
POSIX_NATIVE = os.path.join(TOP, 'build', 'posix-native', 'posix')
PLATFORM_LINE = 'posix: [platform] '


def posix_lines(lines):
    """The posix test's lines that must match Linux's exactly."""
    return [line for line in lines
            if line.startswith('posix: ') and
            not line.startswith(PLATFORM_LINE)]


def run_native_posix(args):
    """apps/tests/posix built with the host's gcc and run on Linux: its
    output lines (stdout and stderr, in order) and its exit status as a
    shell reports it (128 + n for a signal). (None, why) on failure."""
    import subprocess
    if not os.path.isfile(POSIX_NATIVE) or \
            os.path.getmtime(POSIX_NATIVE) < os.path.getmtime(POSIX_SRC):
        os.makedirs(os.path.dirname(POSIX_NATIVE), exist_ok=True)
        cc = subprocess.run(['gcc', '-O2', '-pthread', '-Wall', '-Wextra',
                             POSIX_SRC, '-o', POSIX_NATIVE],
                            capture_output=True, text=True)
        if cc.returncode != 0:
            return None, 'native build failed: %s' % cc.stderr.strip()
    try:
        run = subprocess.run([POSIX_NATIVE] + list(args),
                             stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True, timeout=120,
                             cwd=os.path.dirname(POSIX_NATIVE))
    except subprocess.TimeoutExpired:
        return None, 'native run timed out'
    status = run.returncode if run.returncode >= 0 else 128 - run.returncode
    return (run.stdout.splitlines(), status), None


def same_as_native(*args):
    """Check: the guest's posix lines and exit status equal the native
    program's, line for line."""
    def check(job):
        native, why = run_native_posix(args)
        if native is None:
            return why
        lines, status = native
        if job.status != status:
            return 'exit status %d, natively %d' % (job.status, status)
        ours, theirs = posix_lines(job.console), posix_lines(lines)
        for i, (a, b) in enumerate(zip(ours, theirs)):
            if a != b:
                return 'line %d differs: petrel %r, linux %r' % (i + 1, a, b)
        if len(ours) != len(theirs):
            longer = ours if len(ours) > len(theirs) else theirs
            return '%d posix lines, natively %d (first extra: %r)' % (
                len(ours), len(theirs), longer[min(len(ours), len(theirs))])
        return None
    return check


def posix_platform(job):
    """The lines that differ from Linux by design, checked here: uname
    names Petrel and the SDK version, and the node is the domain name."""
    differs = same_as_native()(job)
    if differs:
        return differs
    with open(os.path.join(TOP, 'sdk/include/petrel/version.h')) as f:
        version = re.search(r'PETREL_VERSION "([^"]+)"', f.read()).group(1)
    want = [PLATFORM_LINE + 'uname sysname=Petrel release=' + version,
            PLATFORM_LINE + 'uname nodename=petrel-posix']
    for line in want:
        if line not in job.console:
            return 'no console line %r' % line
    return None


def noted_once(job):
    """Each unsupported call leaves its console note exactly once, though
    the program calls each twice."""
    for call in ('fork()', 'vfork()', 'execv()', 'execvp()', 'execl()',
                 'execve()', 'waitpid()', 'wait()', 'system()'):
        notes = [line for line in job.console
                 if line.startswith('petrel: %s is not available: ' % call)]
        if len(notes) != 1:
            return '%d console notes for %s, expected 1' % (len(notes), call)
    return None


TESTS = [
    Test('hello', 'hello greets, gets its argv and exits 0',
         'apps/hello', args=['a', 'b'],
         expect=[r'^Hello from Petrel$', r'^argv: a b$',
                 r'^argv\[0\]: hello$', r'^memory: \d+ KiB$']),
    Test('exit-status', 'main returning 3 is the exit status the runner sees',
         'apps/tests/exit3', status=3, expect=[r'^exit3: returning 3$']),
    Test('null-deref', 'a NULL dereference is a crash with a symbolized '
         'backtrace naming the faulting function',
         'apps/tests/nullderef', result='crash',
         expect=[r'^CRASH: page fault at 0x0: read from unmapped page '
                 r'\(NULL pointer dereference\)$',
                 r'^RIP: ', r'^\s+#0 0x[0-9a-f]+ deref_null ',
                 r'^\s+#\d+ 0x[0-9a-f]+ (\? )?main ']),
    Test('mem-4mb', 'a 4 MB guest (the PV floor) still boots and runs',
         'apps/hello', mem=4,
         expect=[r'^Hello from Petrel$', r'^memory: 4096 KiB$']),
    Test('args-quoting', 'arguments with spaces, quotes, backslashes and '
         'empty strings arrive intact',
         'apps/tests/args',
         args=['two words', "it's", 'say "hi"', 'back\\slash', '', '-x'],
         expect=[r'^argc=7$', r'^argv\[0\]=\[args\]$',
                 r'^argv\[1\]=\[two words\]$', r"^argv\[2\]=\[it's\]$",
                 r'^argv\[3\]=\[say "hi"\]$',
                 r'^argv\[4\]=\[back\\slash\]$', r'^argv\[5\]=\[\]$',
                 r'^argv\[6\]=\[-x\]$']),
    Test('event-abi', 'the kernel logs the event-channel ABI it chose, and '
         'Xen 4.17 offers FIFO', 'apps/hello',
         expect=[r'^petrel: event channels: FIFO ABI$']),
    Test('evtchn-2level', 'the 2-level event-channel fallback carries timer '
         'and xenstore events', 'apps/tests/evtchn2l',
         expect=[r'^petrel: event channels: 2-level ABI$',
                 r'^evtchn2l: 10 threads slept, \d+ ms in all$',
                 r'^evtchn2l: xenstore round trip 2 \(ok\)$']),
    Test('sleepers', '100 threads sleeping random times wake in deadline '
         'order and never early', 'apps/tests/sleepers',
         expect=[r'^sleepers: 100 threads, 0 failures']),
    Test('clock', 'the monotonic clock never goes backwards and the wall '
         'clock is within 1 s of dom0\'s', 'apps/tests/clock',
         dom0='wallclock.sh',
         expect=[r'^clock: 200000 reads, 0 went backwards$'],
         dom0_expect=[r'^wallclock: guest=\d+'], check=wallclock_close),
    Test('xenstore', 'xenstore read/write/list/rm/transactions work, junk '
         'numbers are refused, and a dom0 write fires a watch',
         'apps/tests/xenstore', dom0='xenstore-poke.sh',
         expect=[r'^xenstore: basic operations ok$',
                 r'^xenstore: watch fired on \S*data/xs-test/from-dom0, '
                 r'value ping$',
                 r'^xenstore: watch round trip ok$'],
         dom0_expect=[r'^poked ']),
    Test('grant', 'dom0 maps a granted page and sees its contents; ending '
         'the grant fails while mapped and succeeds after; the table grows '
         'on demand', 'apps/tests/grant', dom0='grant-map.sh',
         expect=[r'^grant: end while mapped: -16$',
                 r'^grant: end after unmap: 0$',
                 r'^grant: 1500 grants, frames \d+ -> \d+, 0 end failures$',
                 r'^grant: ok$'],
         dom0_expect=[r'^mapped: Petrel grant test page$', r'^unmapped$']),
    Test('evtchn', 'an unbound port offered to dom0 carries events both '
         'ways once dom0 binds it', 'apps/tests/evtchn', dom0='evtchn-ping.sh',
         expect=[r'^evtchn: received [1-9] event\(s\) from dom0$',
                 r'^evtchn: sent one back: 0$', r'^evtchn: close: 0$'],
         dom0_expect=[r'^evtchn: sent 3, got one back$']),
    Test('xenbus', 'a vif driver is probed with a validated backend, sees '
         'netback reach InitWait and closes in step with it',
         'apps/tests/xenbus', net=True,
         expect=[r'^xenbus: 1 vif device\(s\)$',
                 r'^xenbus: probed device/vif/0, backend '
                 r'/local/domain/0/backend/vif/\d+/0 in domain 0$',
                 r'^xenbus: wait for InitWait: 0$',
                 r'^xenbus: removed device/vif/0$', r'^xenbus: close: 0$']),
    Test('pthreads', 'mutex, condition variable, timed wait, per-thread '
         'errno, once and keys work across threads', 'apps/tests/pthreads',
         expect=[r'^pthreads: mutex counter 16000$',
                 r'^pthreads: mutex types behave$',
                 r'^pthreads: producer/consumer sum 500500$',
                 r'^pthreads: timedwait timed out after \d+ ms$',
                 r'^pthreads: per-thread errno kept$',
                 r'^pthreads: once ran 1 time\(s\), keys per thread$',
                 r'^pthreads: 500 detached threads kept \d+ bytes$',
                 r'^pthreads: 0 failures$']),
    Test('env', 'getenv sees the environment from the domain config and '
         'argv keeps the rest, even a literal --', 'apps/tests/env',
         env=['GREETING=hello world', 'EMPTY='], args=['--', 'x'],
         expect=[r'^env: GREETING=\[hello world\] EMPTY=\[\] '
                 r'MISSING=\[\(unset\)\]$',
                 r'^env: argv\[1\]=\[--\]$', r'^env: argv\[2\]=\[x\]$']),
    Test('libc', 'newlib conformance: stdio formats, stdlib, malloc stress '
         'with a checksum, string/ctype, math, time, errno and atexit order',
         'apps/tests/libc', timeout=120,
         expect=[r'^libc: %s ok$' % g for g in (
             'stdio', 'stdlib', 'malloc', 'string', 'ctype', 'math', 'time',
             'errno', 'math-errno', 'errno-syscalls', 'calloc-overflow',
             'atexit')] + [r'^libc: malloc checksum 0xac2a795f ',
                           r'^libc: \d+ checks, 0 failed$',
                           r'^libc: atexit order 321$']),
    Test('oom', 'malloc until NULL (ENOMEM), free it all, and the same '
         'memory can be allocated again', 'apps/tests/oom', mem=32,
         timeout=120, expect=[r'^oom: ok$'], check=oom_counts_match),
    Test('assert', 'a failed assert() prints newlib\'s message and is '
         'reported as a crash with a backtrace', 'apps/tests/assert',
         result='crash',
         expect=[r'assertion "answer == 42" failed',
                 r'^PANIC: abort\(\) called$',
                 r'^\s+#\d+ 0x[0-9a-f]+ (\? )?main ']),
    Test('cmake-hello', 'an image built by CMake with sdk/petrel.cmake '
         'boots', 'build/cmake-hello/cmake-hello', args=['a', 'b', 'c'],
         expect=[r'^Hello from CMake on Petrel$', r'^argc: 4 ']),
    Test('stdin', 'stdin reads the Xen console: a line typed into the '
         'console pty in dom0 arrives', 'apps/tests/stdin',
         dom0='console-type.sh',
         expect=[r'^stdin: got \[hello petrel\]$'],
         dom0_expect=[r'^typed into /dev/pts/\d+$']),
    Test('stack-overflow', 'unbounded recursion in a thread stops at its '
         'guard page and is reported as a stack overflow',
         'apps/tests/stackoverflow', result='crash',
         expect=[r'^stackoverflow: recursing$'],
         check=reported_stack_overflow),
    Test('posix', 'sysconf, getline, posix_memalign, getentropy, uname, '
         'getcwd/realpath, err/warn, signals, semaphores, rwlocks, '
         'barriers, spin locks, clock(), mmap and pipes give the same '
         'output line for line as the same program built for Linux',
         'apps/tests/posix', mem=32, timeout=120,
         expect=[r'^posix: done$'], check=posix_platform),
    Test('posix-sigterm', 'raise(SIGTERM) with the default action ends '
         'the program with status 143, as on Linux', 'apps/tests/posix',
         args=['sigterm'], status=143,
         expect=[r'^petrel: killed by signal SIGTERM: exit status 143$'],
         check=same_as_native('sigterm')),
    Test('posix-sigusr1', 'kill(getpid(), SIGUSR1) ends the program with '
         'Linux\'s status for SIGUSR1 (138)', 'apps/tests/posix',
         args=['sigusr1'], status=138,
         expect=[r'^petrel: killed by signal SIGUSR1: exit status 138$'],
         check=same_as_native('sigusr1')),
    Test('posix-err', 'err() prints "prog: message: strerror" and exits '
         'with its status, as on Linux', 'apps/tests/posix', args=['err'],
         status=3, check=same_as_native('err')),
    Test('posix-errx', 'errx() prints "prog: message" and exits with its '
         'status, as on Linux', 'apps/tests/posix', args=['errx'],
         status=4, check=same_as_native('errx')),
    Test('posix-unsupported', 'fork, vfork, exec*, wait fail with '
         'ENOSYS/ECHILD, system() as with no shell, each with one console '
         'note', 'apps/tests/posix', args=['unsupported'],
         expect=[r'^posix: fork = -1 ENOSYS$', r'^posix: vfork = -1 ENOSYS$',
                 r'^posix: execv = -1 ENOSYS$', r'^posix: execvp = -1 ENOSYS$',
                 r'^posix: execl = -1 ENOSYS$', r'^posix: execve = -1 ENOSYS$',
                 r'^posix: waitpid = -1 ECHILD$', r'^posix: wait = -1 ECHILD$',
                 r'^posix: system\(NULL\) = 0$',
                 r'^posix: system\(true\) = 32512: exited yes, status 127$',
                 r'^petrel: fork\(\) is not available: a unikernel runs '
                 r'one program \(ENOSYS\)$', r'^posix: unsupported: done$'],
         check=noted_once),
    Test('idle-cpu', 'an idle guest uses under 1% of a CPU (xentop over '
         '10 s)', 'apps/tests/idle', dom0='idle-cpu.sh',
         expect=[r'^idle: done$'], check=idle_cpu_low),
]


def main():
    only = set(sys.argv[1:])
    tests = [t for t in TESTS if not only or t.name in only]
    missing = [t for t in tests if not os.path.isfile(image(t.app))]
    for t in missing:
        print('FAIL: integration/%s: image not built: %s'
              % (t.name, image(t.app)))
    tests = [t for t in tests if t not in missing]
    if not tests:
        return
    log = os.path.join(TOP, 'build', 'integration-testbed.log')

    def on_line(kind, job, text):
        if kind == 'ready':
            print('  testbed: dom0 ready at t=%s s' % text, flush=True)
        elif kind == 'end':
            print('  %s: %s status=%d create=%.2fs run=%ss' % (
                job.name, job.result, job.status, job.create_s or -1,
                job.run_s), flush=True)

    res = Session(on_line=on_line).run([t.job() for t in tests], log)
    for t in tests:
        job = res.jobs[t.name]
        why = t.check(job)
        if why is None:
            print('PASS: integration/%s' % t.name)
            continue
        print('FAIL: integration/%s: %s' % (t.name, why))
        for line in job.xl + job.console[-30:]:
            print('    | ' + line)
        for line in job.dom0[-10:]:
            print('    dom0| ' + line)
    if not res.completed:
        print('  testbed problem: %s (log: %s)' % (res.error, log))
        for line in res.tail[-15:]:
            print('    ' + line)


if __name__ == '__main__':
    main()
