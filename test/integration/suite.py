#!/usr/bin/env python3
"""Integration tests: boot real Petrel images on real Xen, once per suite.

All tests' guests run in one testbed boot (Xen 4.17 + Debian dom0 under
QEMU), one after another. Each test states what it checks; results are
printed as "PASS: integration/<name>" or "FAIL: integration/<name>: why".
With --mode pvh the same guests boot as PVH, and the results read
"integration-pvh/<name>"; newlib's own test programs are left out there
(PV_ONLY): they run libc code only, the same instructions in either mode,
and what mode can change under them (the FPU/SSE state kept across
events, memory, threads) the other tests check in both modes.

    suite.py [--mode pv|pvh] [NAME...]
"""
import glob
import os
import re
import subprocess
import sys
import threading

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
sys.path.insert(0, os.path.join(TOP, 'sdk', 'lib'))
from petrel.jobs import GUEST_DIR, Job  # noqa: E402
import kvstore_test  # noqa: E402
from petrel.session import Session  # noqa: E402
import newlib_testsuite  # noqa: E402
import files_tree  # noqa: E402
import blk_tests  # noqa: E402
import ext4_test  # noqa: E402
import fsmeta_test  # noqa: E402
from jobchecks import both, lines_differ  # noqa: E402

# The mode every guest boots in (--mode), and the results' prefix.
MODE = 'pv'


def image(app):
    """Where an app's image is: apps/* are built by the Makefile; a
    build/... path names an image built some other way (CMake)."""
    if app.startswith('build/'):
        return os.path.join(TOP, app)
    return os.path.join(TOP, 'build', app, os.path.basename(app))


class Test:
    def __init__(self, name, doc, app, args=(), mem=16, result='exit',
                 status=0, expect=(), timeout=60, dom0=None, dom0_expect=(),
                 check=None, net=False, env=(), stdin=None, ttys=(0, 1, 2),
                 files=None, ramdisk=None, disks=None, mode=None):
        self.name, self.doc, self.app = name, doc, app
        # A test of one boot mode only runs in it whatever the suite's.
        self.mode = mode
        self.args, self.mem = list(args), mem
        self.result, self.status = result, status
        self.expect, self.timeout = list(expect), timeout
        self.dom0, self.dom0_expect = dom0, list(dom0_expect)
        self.extra_check = check
        # As petrel run's --net: True (one static vif) or a list with
        # 'static' or 'dhcp' per vif (the first on xenbr0, a second on xenbr1).
        self.net = net
        self.env = list(env)
        self.stdin, self.ttys = stdin, tuple(ttys)
        self.files = files
        # The PV ramdisk: a function that makes the file, or None.
        self.ramdisk = ramdisk
        # The disks: a function that makes the files, giving [(path, ro)].
        self.disks = disks

    def job(self):
        script = os.path.join(TOP, 'test/integration/dom0', self.dom0) \
            if self.dom0 else None
        return Job(name=self.name, image=image(self.app), args=self.args,
                   mode=self.mode or MODE, mem_mb=self.mem,
                   timeout=self.timeout,
                   dom0_script=script, net=self.net, env=self.env,
                   stdin=self.stdin, ttys=self.ttys,
                   files=self.job_files(script),
                   ramdisk=self.ramdisk() if self.ramdisk else None,
                   disks=self.disks() if self.disks else [])

    def job_files(self, dom0_script):
        files = self.files() if self.files else {}
        if dom0_script:
            files['dom0-lib.sh'] = os.path.join(TOP, 'test/integration/dom0',
                                                'lib.sh')
        return files

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


def ticks_in_order_after_a_move(job, count=30):
    ticks = [int(m.group(1)) for m in
             (re.search(r'^ticker: tick (\d+)$', x) for x in job.console) if m]
    if ticks != list(range(1, count + 1)):
        return 'ticks %s, expected 1..%d in order' % (ticks, count)
    if not job.resumed:
        return 'the runner never reported the guest resumed in a new domain'
    return None


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


def stack_overflow_in(thread, function):
    """A check: the crash is reported as a stack overflow in the named
    thread, at the named function (from Xen's RIP, symbolized)."""
    def check(job):
        reason = job.crash_reason()
        want = "stack overflow in thread '%s' (in %s" % (thread, function)
        if not reason.startswith(want):
            return 'crash reported as %r, not as %r...' % (reason, want)
        return None
    return check


def same_as_native(job, source):
    """The guest's console equals the output of the same program built
    with the host's gcc and run here (a differential test)."""
    exe = os.path.join(TOP, 'build', 'native', os.path.basename(source)[:-2])
    os.makedirs(os.path.dirname(exe), exist_ok=True)
    built = subprocess.run(['gcc', '-O2', '-pthread', os.path.join(TOP, source),
                            '-o', exe, '-lm'], capture_output=True, text=True)
    if built.returncode != 0:
        return 'native build failed: ' + built.stderr.strip()[-300:]
    native = subprocess.run([exe], capture_output=True, text=True,
                            timeout=60).stdout.splitlines()
    guest = [line for line in job.console if not line.startswith('petrel:')]
    return lines_differ(native, guest)


def sockets_same_as_native(args=(), stdin=None):
    """Check: the guest's "sockets:" lines equal those of apps/tests/sockets
    built with the host's gcc and run on this Linux with the same args;
    stdin is the given bytes, or else an open, empty pipe (as the guest's
    console, where nothing is typed)."""
    def check(job):
        src = os.path.join(TOP, 'apps/tests/sockets/sockets.c')
        exe = os.path.join(TOP, 'build', 'native', 'sockets')
        os.makedirs(os.path.dirname(exe), exist_ok=True)
        built = subprocess.run(['gcc', '-O2', '-pthread', src, '-o', exe],
                               capture_output=True, text=True)
        if built.returncode != 0:
            return 'native build failed: ' + built.stderr.strip()[-300:]
        proc = subprocess.Popen([exe] + list(args), stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE)
        killer = threading.Timer(60, proc.kill)
        killer.start()
        try:
            if stdin is not None:
                proc.stdin.write(stdin)
                proc.stdin.close()
            # Otherwise stdin stays open, and empty, until the end.
            out = proc.stdout.read().decode(errors='replace')
            proc.wait()
        finally:
            killer.cancel()
            if not proc.stdin.closed:
                proc.stdin.close()
        native = [x for x in out.splitlines() if x.startswith('sockets: ')]
        guest = [x for x in job.console if x.startswith('sockets: ')]
        return lines_differ(native, guest)
    return check


def idle_cpu_low(job):
    pct = number_in(job.dom0, r'idle-cpu: percent=([\d.]+)')
    if pct is None or pct >= 1.0:
        return 'idle guest used %r%% of a CPU (limit 1%%)' % pct
    return None


STREAMS_ERR = 'err: one\nerr: two (same line)\nerr: three\n'
STREAMS_OUT = 'out: one\nout: two\nout: last, no newline'


def split_streams(first_line):
    """stdout and stderr arrive apart, exactly (a line split by the other
    stream stays whole, a missing last newline is not made up), and the
    kernel's messages are in neither."""
    def check(job):
        out, err = job.text('stdout'), job.text('stderr')
        if out != first_line + '\n' + STREAMS_OUT:
            return 'stdout was %r' % out
        if err != STREAMS_ERR:
            return 'stderr was %r' % err
        if 'petrel: event channels: FIFO ABI' not in job.kernel:
            return 'kernel lines lack the event-channel message'
        return None
    return check


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


def posix_same_as_native(*args):
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


def exact_stdout(want):
    def check(job):
        out = job.text('stdout')
        return None if out == want else 'stdout was %r' % out
    return check


def fnv1a(data):
    h = 2166136261
    for b in data:
        h = ((h ^ b) * 16777619) & 0xffffffff
    return h


STDIN_BYTES = bytes(range(256)) * 16 + b'\r\n\xff\x00\xff'


def real_dom0_files():
    """What `petrel run` needs in a bare dom0: the SDK's Python pieces,
    the agent, and images (unstripped, and the .stripped that boots)."""
    files = {'sdk/bin/petrel': os.path.join(TOP, 'sdk/bin/petrel'),
             'images/testbed/agent': os.path.join(TOP,
                                                  'images/testbed/agent')}
    for f in glob.glob(os.path.join(TOP, 'sdk/lib/petrel/*.py')):
        files['sdk/lib/petrel/' + os.path.basename(f)] = f
    for app in ('apps/hello', 'apps/tests/exit3', 'apps/tests/nullderef',
                'apps/tests/stdio'):
        name = os.path.basename(app)
        files['img/' + name] = image(app)
        files['img/%s.stripped' % name] = image(app) + '.stripped'
    return files


def flood_blocked(job):
    """All 512 lines arrived in order, and the writer slept while the
    ring was full (another thread ran), rather than spinning."""
    lines = [x for x in job.stdout if x.startswith('flood ')]
    if [x[6:10] for x in lines] != ['%04d' % i for i in range(512)]:
        return '%d flood lines, not 0000..0511 in order' % len(lines)
    ran = number_in(job.stdout, r'^conflood: the other thread ran (\d+) ')
    if not ran:
        return 'the other thread ran %r times during the write' % ran
    return None


REAL_DOM0_CHECKS = ('hello', 'exit-status', 'crash', 'quiet-crash',
                    'stdin', 'streams')


def posix_platform(job):
    """The lines that differ from Linux by design, checked here: uname
    names Petrel and the SDK version, and the node is the domain name."""
    differs = posix_same_as_native()(job)
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


_canaries = {}


def canary_fingerprint(job):
    return next((line.split()[-1] for line in job.console
                 if line.startswith('canary: fingerprint ')), None)


def canary_recorded(job):
    _canaries['first'] = canary_fingerprint(job)
    return None


def canary_differs(job):
    """canary-boot-1's check runs first (TESTS order) and records its
    fingerprint."""
    first, second = _canaries.get('first'), canary_fingerprint(job)
    if not first or not second:
        return 'a fingerprint is missing (first boot: %r)' % first
    if first == second:
        return 'two boots drew the same canary (fingerprint %s)' % first
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
    Test('xenbus', 'a vif driver whose probe sleeps is probed with a '
         'validated backend, sees no state change until probe returns, then '
         'sees netback reach InitWait and closes in step with it; a failing '
         'probe leaves the frontend Closed and says why',
         'apps/tests/xenbus', net=True,
         expect=[r'^xenbus: 1 vif device\(s\)$',
                 r'^xenbus: probed device/vif/0, backend '
                 r'/local/domain/0/backend/vif/\d+/0 in domain 0$',
                 r'^xenbus: otherend_changed during probe: 0$',
                 r'^xenbus: wait for InitWait: 0$',
                 r'^xenbus: otherend_changed saw InitWait: yes$',
                 r'^xenbus: removed device/vif/0$', r'^xenbus: close: 0$',
                 r'^petrel: xenbus: device/vif/0: probe failed \(-5\)$',
                 r'^xenbus: failing driver kept 0 device\(s\)$',
                 r'^xenbus: state after failed probe: 6$']),
    Test('netdev', 'raw frames through netfront: the guest echoes every '
         'frame dom0 sends on its vif (all sizes 60..1514, a burst larger '
         'than the ring, jumbo frames over several slots, UDP with a blank '
         'checksum, GSO TCP segments) byte for byte, keeping checksum '
         'offload and GSO both ways, with no bad responses, and leaves the '
         'vif Closed',
         'apps/tests/netdev', net=True, mem=32, timeout=300,
         dom0='netdev-echo.sh',
         expect=[r'^netdev: open: 0$',
                 r'^netdev: open of a second vif: -19, again: -16$',
                 r'^netdev: mac 00:16:3e(:[0-9a-f]{2}){3}$',
                 r'^netdev: features csum=1 csum-ipv6=1 sg=1 gso-tcpv4=1 '
                 r'gso-tcpv6=1 max-frame=1514$',
                 r'^netdev: echoed \d+ frames, largest 20070 bytes, '
                 r'0 failures$',
                 r', 0 bad responses; tx \d+ frames, 0 errors, '
                 r'0 bad responses$',
                 r'^netdev: rx csum-blank ([5-9]|\d\d+), csum-valid '
                 r'([5-9]|\d\d+), gso [1-9]\d*$',
                 r'^netdev: close: 0$'],
         dom0_expect=[r'^sizes 60\.\.1514: 1455 frames, 1455 identical',
                      r'^burst of 600: 600 frames, 600 identical',
                      r'^jumbo 1515\.\.9014: 21 frames, 21 identical',
                      r'^udp csum: 5 sent, 5 identical echoes with the same '
                      r'csum state, 5 sent csum-blank, 5 of them with the '
                      r'pseudo-header sum$',
                      r'^gso tcpv4: 3 segments of 20070 bytes sent, 3 '
                      r'identical echoes as GSO with MSS 1448$',
                      r'^frontend state after exit: 6$']),
    Test('net', 'lwIP over netfront: the static address from the vif\'s '
         'xenstore ip key (the runner\'s --net) and an IPv6 link-local or '
         'SLAAC address come up, are logged with their source, and dom0 '
         'pings and ping6s the guest',
         'apps/tests/net', net=True, mem=32, timeout=90,
         dom0='net-addrs.sh',
         expect=[r'^net: wait 0, vifs 1$',
                 r'^net: ipv4 198\.18\.0\.\d+/24$',
                 r'^net: ipv6 [0-9a-f:]+/64$',
                 r'net: eth0 198\.18\.0\.\d+/24 \(xenstore ip\)',
                 r'net: eth0 .*fe80:[0-9a-f:]+/64 \(link-local\)',
                 r'^net: dom0 says  ping4-ok ping6-ok$'],
         dom0_expect=[r'^ping4 ok$', r'^ping6 ok$',
                      r' 0% packet loss']),
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
    Test('wchar', 'UTF-8 locale, mbstowcs/wcstombs, towctrans and iconv '
         '(UTF-8, UTF-16, ISO-8859-1) print what glibc prints',
         'apps/tests/wchar', expect=[r'^wchar: done$'],
         check=lambda job: same_as_native(job, 'apps/tests/wchar/wchar.c')),
    Test('long-double', 'printf and scanf of long double at full precision '
         '(and doubles still exact) print what glibc prints',
         'apps/tests/ldouble', expect=[r'^ldouble: done$'],
         check=lambda job: same_as_native(job,
                                          'apps/tests/ldouble/ldouble.c')),
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
         expect=[r'^Hello from CMake on Petrel$', r'^argc: 4 ',
                 r'^sin\(0\.5\) = 0\.479425539$']),
    Test('int128', '__int128 division, complex arithmetic (libgcc, built '
         'without the red zone) and runtime libm linked with -lm give what '
         'the same program gives built natively', 'apps/tests/int128',
         expect=[r'^int128: done$'],
         check=lambda job: same_as_native(job, 'apps/tests/int128/int128.c')),
    Test('stdin', 'stdin reads the Xen console: a line typed into the '
         'console pty in dom0 arrives', 'apps/tests/stdin',
         dom0='console-type.sh',
         expect=[r'^stdin: got \[hello petrel\]$'],
         dom0_expect=[r'^typed into /dev/pts/\d+$']),
    Test('stack-overflow', 'unbounded recursion in a thread stops at its '
         'guard page and is reported as a stack overflow in that thread, '
         'at the recursing function', 'apps/tests/stackoverflow',
         result='crash', expect=[r'^stackoverflow: recursing$'],
         check=stack_overflow_in('recurse', 'recurse')),
    Test('tls', 'each thread has its own __thread/_Thread_local copies, '
         'initialised from the image, 64-byte aligned where asked; output '
         'identical to the natively built program', 'apps/tests/tls',
         expect=[r'^tls: thread %d counter %d100 zeroed 1000 ok$' % (i, i)
                 for i in range(1, 7)] +
         [r'^tls: main counter 7 label main$', r'^tls: 0 failures$'],
         check=lambda job: same_as_native(job, 'apps/tests/tls/tls.c')),
    Test('stacks', 'main (PETREL_MAIN_STACK=2M) and a pthread (2 MiB '
         'attr) each use a 1 MiB frame; too large a stack is EAGAIN',
         'apps/tests/stacks', env=['PETREL_MAIN_STACK=2M'], mem=32,
         expect=[r'^stacks: main frame sum 16509dc5$',
                 r'^stacks: default thread stack at least 128 KiB$',
                 r'^stacks: setstacksize\(1\) = EINVAL$',
                 r'^stacks: create with 2 MiB = 0$',
                 r'^stacks: thread frame sum 22d79dc5$',
                 r'^stacks: create with 1 GiB = EAGAIN$']),
    Test('main-stack-default', 'main\'s default stack is 1 MiB: a 4 MiB '
         'frame hits the guard page (stack-clash probes) and is a reported '
         'stack overflow, not a silent overwrite of .data',
         'apps/tests/bigframe', result='crash',
         expect=[r'^bigframe: sentinel 5e5e5e5e, calling$'],
         check=stack_overflow_in('main', 'deep')),
    Test('main-stack-env', 'PETREL_MAIN_STACK=6M gives main room for the '
         '4 MiB frame', 'apps/tests/bigframe', env=['PETREL_MAIN_STACK=6M'],
         status=3, expect=[r'^bigframe: survived; sentinel 5e5e5e5e$']),
    Test('threadio', 'threads that printed and ended leave fd 1 open: '
         'their output and main\'s last lines all arrive (stdout not a '
         'terminal), as in the native build', 'apps/tests/threadio',
         ttys=(), expect=[r'^threadio: joined$'],
         check=lambda job: same_as_native(job,
                                          'apps/tests/threadio/threadio.c')),
    Test('names', 'an app may define names the kernel uses inside (panic, '
         'list_add, printk, mutex_lock, fd_get, ...): it links and its own '
         'are called, as in the native build', 'apps/tests/names',
         expect=[r'^names: 8 calls, list linked, mutex 1$'],
         check=lambda job: same_as_native(job, 'apps/tests/names/names.c')),
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
         check=posix_same_as_native('sigterm')),
    Test('shutdown-sigterm', '`xl shutdown` (no -F) reaches the program '
         'as SIGTERM: with no handler it ends with status 143, as on Linux; '
         'a junk control/shutdown value before it is ignored',
         'apps/tests/shutdown', status=143, dom0='xl-shutdown.sh',
         expect=[r"^petrel: control/shutdown holds an unknown request "
                 r"'bogus request': ignored$",
                 r'^petrel: the toolstack asks us to power off$',
                 r'^petrel: killed by signal SIGTERM: exit status 143$'],
         dom0_expect=[r'^feature-poweroff=1$', r'^xl shutdown: exit status 0$']),
    Test('shutdown-handler', 'a program with a SIGTERM handler sees '
         '`xl shutdown` and ends cleanly with status 0',
         'apps/tests/shutdown', args=['handler'], dom0='xl-shutdown.sh',
         expect=[r'^shutdown: waiting with a handler$',
                 r'^petrel: the toolstack asks us to power off$',
                 r'^shutdown: SIGTERM seen, ending cleanly$'],
         dom0_expect=[r'^xl shutdown: exit status 0$']),
    Test('shutdown-reboot', '`xl reboot` (no -F) reaches the program as '
         'SIGTERM, and the domain stops asking to be rebooted',
         'apps/tests/shutdown', args=['handler'], dom0='xl-reboot.sh',
         expect=[r'^petrel: the toolstack asks us to reboot$',
                 r'^shutdown: SIGTERM seen, ending cleanly$'],
         dom0_expect=[r'^xl reboot: exit status 0$']),
    Test('canary-boot-1', 'the stack protector canary is set at boot, '
         'not zero', 'apps/tests/canary',
         expect=[r'^canary: fingerprint [0-9a-f]{8}$'],
         check=canary_recorded),
    Test('canary-boot-2', 'a second boot of the same image draws a '
         'different canary', 'apps/tests/canary',
         expect=[r'^canary: fingerprint [0-9a-f]{8}$'],
         check=canary_differs),
    Test('posix-sigusr1', 'kill(getpid(), SIGUSR1) ends the program with '
         'Linux\'s status for SIGUSR1 (138)', 'apps/tests/posix',
         args=['sigusr1'], status=138,
         expect=[r'^petrel: killed by signal SIGUSR1: exit status 138$'],
         check=posix_same_as_native('sigusr1')),
    Test('posix-err', 'err() prints "prog: message: strerror" and exits '
         'with its status, as on Linux', 'apps/tests/posix', args=['err'],
         status=3, check=posix_same_as_native('err')),
    Test('posix-errx', 'errx() prints "prog: message" and exits with its '
         'status, as on Linux', 'apps/tests/posix', args=['errx'],
         status=4, check=posix_same_as_native('errx')),
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
    Test('stdio-streams', 'the guest\'s stdout and stderr reach the runner '
         'apart and exactly; fds 0-2 are terminals when the runner\'s are',
         'apps/tests/stdio', args=['streams'],
         check=split_streams('stdio: isatty 1 1 1, fstat chr chr chr')),
    Test('stdio-notty', 'isatty() and fstat() tell the truth per fd: only '
         'the runner\'s terminals are terminals', 'apps/tests/stdio',
         args=['streams'], ttys=(1,),
         check=split_streams('stdio: isatty 0 1 0, fstat fifo chr fifo')),
    Test('stdin-pipe', 'piped stdin delivers its lines, then end of file',
         'apps/tests/stdio', args=['lines'], stdin=b'a\nb\n', ttys=(),
         check=exact_stdout('stdin: line [a]\nstdin: line [b]\n'
                            'stdin: eof after 2 lines\n')),
    Test('stdin-bytes', 'piped stdin is byte-exact (NUL, CR, 0xFF, the '
         'end-of-input mark\'s bytes) and read() returns 0 at its end',
         'apps/tests/stdio', args=['bytes'], stdin=STDIN_BYTES, ttys=(),
         check=exact_stdout('stdin: %d bytes, fnv1a %08x, last read 0, '
                            'again 0\n' % (len(STDIN_BYTES),
                                            fnv1a(STDIN_BYTES)))),
    Test('argv-dashes', 'every word after the first -- is the app\'s: '
         'a.b=c is no environment and a second -- is kept',
         'apps/tests/args', args=['a.b=c', '--', 'x'],
         expect=[r'^argc=4$', r'^argv\[1\]=\[a\.b=c\]$',
                 r'^argv\[2\]=\[--\]$', r'^argv\[3\]=\[x\]$']),
    Test('console-flood', 'a write much larger than the console ring '
         'sleeps until dom0 drains it (other threads run meanwhile) and '
         'loses nothing', 'apps/tests/conflood', check=flood_blocked),
    Test('real-dom0', '`petrel run` in a real dom0 (the testbed\'s, with '
         'its own xl): console, streams, piped stdin, exit status and '
         'crash report as in the testbed path', 'apps/hello', timeout=480,
         dom0='real-dom0.sh', files=real_dom0_files,
         dom0_expect=[r'^real-dom0: %s ok$' % c for c in REAL_DOM0_CHECKS]),
    Test('sockets', 'BSD sockets over loopback (TCP and UDP on 127.0.0.1 '
         'and ::1, refused and non-blocking connects, SO_RCVTIMEO, EAGAIN, '
         'shutdown, options, getaddrinfo/getnameinfo, inet_pton/ntop, '
         'poll/select across sockets, pipes and stdin, the reset of a close '
         'with data unread) print what the same program prints on Linux; '
         'the kernel says why it reset', 'apps/tests/sockets', mem=64,
         timeout=120, expect=[r'^sockets: 0 failures$', r'^sockets: done$',
                              r'^tcp: closing with unread data, sending RST '
                              r'\(port \d+, peer 127\.0\.0\.1 port \d+: 6 '
                              r'bytes not read, 0 bytes not yet acked '
                              r'dropped\)$'],
         check=sockets_same_as_native()),
    Test('sockets-stdin', 'select and poll see piped stdin\'s data arrive '
         'next to an idle socket, then its end, as on Linux',
         'apps/tests/sockets', args=['stdin'], stdin=b'line one\nline two\n',
         ttys=(), expect=[r'^sockets: done$'],
         check=sockets_same_as_native(['stdin'], b'line one\nline two\n')),
]

# The network tests (apps/httpd, apps/echo, apps/tests/netclient): dom0
# drives the guest with curl, ping, wrk and test/integration/netclient.py
# (shipped in the job folder). httpd runs with -x /quit, so each dom0
# script ends by asking it to exit.
def netclient_files():
    return {'netclient.py': os.path.join(TOP, 'test/integration/netclient.py')}


# What a guest with a vif says when it resumes in a new domain.
MOVED_VIF = [r'^petrel: resumed in a new domain$',
             r'net: eth0: back after a move, addresses announced$']


def httpwatch_files():
    return dict(netclient_files(), **{
        'httpwatch.py': os.path.join(TOP, 'test/integration/httpwatch.py')})


def dom0_value(job, key):
    """KEY=VALUE from the dom0 script's "guest: ..." line."""
    for line in job.dom0:
        m = re.search(r'^guest: .*\b%s=(\S*)' % key, line)
        if m:
            return m.group(1)
    return None


def guest_address(source, first, last, vif='ip'):
    """Check: the vif's address (as dom0 found it) is in 198.18.0.first..
    last, or 198.19.0.first..last for the second vif, and the guest's boot
    log says it came from source ('xenstore ip' or 'dhcp')."""
    def check(job):
        ip = dom0_value(job, vif)
        net = '198.18.0.' if vif == 'ip' else '198.19.0.'
        if not ip or not ip.startswith(net) or \
                not first <= int(ip.rsplit('.', 1)[1]) <= last:
            return 'dom0 saw %s=%r, not %s%d..%d' % (vif, ip, net, first, last)
        eth = 'eth0' if vif == 'ip' else 'eth1'
        rx = r'net: %s %s/24\b.*\(%s\)' % (eth, re.escape(ip), source)
        if not any(re.search(rx, line) for line in job.console):
            return 'no boot log line matches %r' % rx
        return None
    return check


def big_sha256_matches(job):
    import netclient
    got = next((line.split()[-1] for line in job.dom0
                if line.startswith('big.bin sha256 ')), None)
    want = netclient.big_expected()
    return None if got == want else \
        '/big.bin fetched by curl has sha256 %r, expected %s' % (got, want)


HTTPD = dict(app='apps/httpd', mem=64, files=netclient_files)
NET_TESTS = [
    Test('net-ping', 'a guest with a static address (the vif\'s ip=, read '
         'from xenstore) answers ping from dom0, and ping6 on its SLAAC '
         'address from dnsmasq\'s router advertisement', args=['-x', '/quit'],
         net=True, timeout=180, dom0='net-ping-slaac.sh',
         dom0_expect=[r'^ping: ok$', r'^ping6: ok$'],
         check=guest_address('xenstore ip', 10, 99), **HTTPD),
    Test('net-http', 'httpd answers GET and HEAD with keep-alive and '
         'pipelining, /big.bin (1 MiB) reaches curl intact (sha256), and it '
         'answers over IPv6 too', args=['-x', '/quit'], net=True,
         timeout=240, dom0='net-http.sh',
         dom0_expect=[r'^ok: http ', r'^http over ipv6: ok$'],
         expect=[r'httpd: 198\.18\.0\.1:\d+ "GET /big\.bin HTTP/1\.1" 200 '
                 r'1048576$'],
         check=big_sha256_matches, **HTTPD),
    Test('net-http-load', '100 keep-alive clients at once all get their 10 '
         'answers, and `wrk -c 64 -d 10s` sees no socket errors and only '
         '2xx answers', args=['-q', '-x', '/quit'], net=True, timeout=300,
         dom0='net-http-load.sh',
         dom0_expect=[r'^ok: parallel ', r'^wrk: ok, '], **HTTPD),
    Test('net-http-malformed', 'garbage, a 3000-byte target, a 1 MiB header, '
         'a 10 MB body, chunked bodies and HTTP/2.0 get 400/414/431/413/501/'
         '505 and a clean close; 150 half-open connections do not stop a '
         'good request; httpd keeps serving', args=['-x', '/quit'],
         net=True, timeout=300, dom0='net-http-malformed.sh',
         dom0_expect=[r'^ok: errors ', r'^ok: halfopen ', r'^ok: http '],
         **HTTPD),
    Test('save-then-end', 'a dom0 script that ends right after xl save '
         'and xl restore: the job follows the restored guest to its own '
         'exit status (42), and its ticks come in order, none lost or '
         'repeated across the move',
         'apps/tests/ticker', args=['30'], status=42, timeout=180,
         dom0='save-then-end.sh', dom0_expect=[r'^ok: save and restore$'],
         expect=[r'^petrel: resumed in a new domain$'],
         check=ticks_in_order_after_a_move),
    Test('net-http-save', 'httpd under a continuous request loop keeps '
         'answering across xl save -c (a cancelled suspend: same domain) and '
         'xl save + xl restore: answers come back within 2 s of each, none '
         'is ever wrong, and the guest announces itself (gratuitous ARP, '
         'unsolicited NA) in the new domain',
         'apps/httpd', args=['-x', '/quit'], mem=32, net=True, timeout=400,
         dom0='net-http-save.sh', files=httpwatch_files,
         dom0_expect=[r'^ok: checkpoint \(', r'^ok: save and restore$',
                      r'^ok: checkpoint: downtime ',
                      r'^ok: save-restore: downtime '],
         expect=[r'^petrel: suspend cancelled$'] + MOVED_VIF),
    Test('net-http-migrate', 'as net-http-save, then xl migrate to '
         'localhost too, in PVH (PV live migration needs shadow paging, '
         'which Debian\'s Xen 4.17 is built without)',
         'apps/httpd', args=['-x', '/quit'], mem=32, net=True, timeout=400,
         dom0='net-http-migrate.sh', files=httpwatch_files, mode='pvh',
         dom0_expect=[r'^ok: save and restore$', r'^ok: migrate to localhost$',
                      r'^ok: save-restore: downtime ',
                      r'^ok: migrate: downtime '],
         expect=MOVED_VIF),
    Test('net-hotplug', 'xl network-detach takes httpd\'s vif away (the '
         'guest closes it in step with the backend), '
         'and xl network-attach of a vif with the same MAC brings the same '
         'page back, twice over; the netif stays, its link goes down and '
         'comes up again',
         'apps/httpd', args=['-x', '/quit'], mem=32, net=True, timeout=300,
         dom0='net-hotplug.sh', files=netclient_files,
         dom0_expect=[r'^ok: detach 1 ', r'^ok: no answer while detached \(1\)',
                      r'^ok: the same page again .* \(1\)$',
                      r'^ok: no answer while detached \(2\)',
                      r'^ok: the same page again .* \(2\)$'],
         expect=[r'^petrel: netfront: device/vif/0: unplugged$',
                 r'^net: eth0: link down: the vif was unplugged$',
                 r'^petrel: xenbus: device/vif/0 plugged in$',
                 r'^petrel: netfront: device/vif/0: plugged back in$',
                 r'^net: eth0: link up: the vif is back, addresses '
                 r'announced$']),
    Test('net-echo', 'echo gives back 1 MiB of random bytes unchanged over '
         'TCP (sent with TSO) and over UDP, on IPv4 and on IPv6, logs each '
         'connection, its exit right after the last one loses nothing, and '
         'a 4 KiB receive window (TSO segments cut to fit, FIN last) loses '
         'no tail',
         'apps/echo', args=['-n', '4'], mem=64, net=True, timeout=300,
         dom0='net-echo.sh', files=netclient_files,
         dom0_expect=[r'^ok: echo-udp 198\.18\.', r'^ok: echo-udp fd00:',
                      r'^ok: echo-tcp 198\.18\.', r'^ok: echo-tcp fd00:',
                      r'^ok: echo-tcp-small-window 198\.18\.'],
         expect=[r'offloads: csum csum-ipv6 sg tso4 tso6$',
                 r'echo: tcp 198\.18\.0\.1:\d+ closed after 1048576 bytes$',
                 r'echo: tcp \[fd00:198:18::1\]:\d+ closed after 1048576 '
                 r'bytes$',
                 r'echo: tcp 198\.18\.0\.1:\d+ closed after 262144 bytes$']),
    Test('net-dhcp', '--net dhcp: the guest leases an address from dnsmasq '
         '(198.18.0.100-199), the agent finds it by the vif\'s MAC, and '
         'httpd answers there', args=['-x', '/quit'], net=['dhcp'],
         timeout=180, dom0='net-addresses.sh',
         dom0_expect=[r'^http via 198\.18\.0\.1\d\d: ok$'],
         check=guest_address('dhcp', 100, 199), **HTTPD),
    Test('net-two-vifs', 'two vifs: a static one on xenbr0 and a DHCP one '
         'on xenbr1 (198.19.0.100-199); httpd answers through both',
         args=['-x', '/quit'], net=['static', 'dhcp'], timeout=180,
         dom0='net-addresses.sh',
         dom0_expect=[r'^http via 198\.18\.0\.\d+: ok$',
                      r'^http via 198\.19\.0\.1\d\d: ok$'],
         check=both(guest_address('xenstore ip', 10, 99),
                    guest_address('dhcp', 100, 199, vif='ip2')), **HTTPD),
    Test('net-client', 'an outbound client: the guest resolves '
         'dom0.petrel.test through dnsmasq (the DNS server DHCP named) and '
         'talks to a TCP server in dom0', 'apps/tests/netclient',
         args=['dom0.petrel.test', '7777'], mem=32, net=['dhcp'],
         timeout=180, dom0='net-serve-line.sh', files=netclient_files,
         expect=[r'^netclient: dom0\.petrel\.test is 198\.18\.0\.1$',
                 r'^netclient: the server said: hello from dom0, you said: '
                 r'hello from netclient$'],
         dom0_expect=[r"^serve-line: (::ffff:)?(198\.18\.0\.1\d\d|"
                      r"fd00:198:18:\S+) said "
                      r"'hello from netclient'$"]),
]
TESTS += NET_TESTS
TESTS += kvstore_test.tests(Test)
TESTS += blk_tests.tests(Test)



def files_same_as_native(job):
    """The guest's "files:" lines, read from its ramdisk, equal those of
    apps/tests/files built with the host's gcc and run on the tree the
    archive was made from."""
    exe = os.path.join(TOP, 'build', 'native', 'files')
    os.makedirs(os.path.dirname(exe), exist_ok=True)
    built = subprocess.run(['gcc', '-O2', os.path.join(
        TOP, 'apps/tests/files/files.c'), '-o', exe], capture_output=True,
        text=True)
    if built.returncode != 0:
        return 'native build failed: ' + built.stderr.strip()[-300:]
    out = subprocess.run([exe, files_tree.make_tree()], capture_output=True,
                         text=True, timeout=60).stdout
    native = [x for x in out.splitlines() if x.startswith('files: ')]
    guest = [x for x in job.console if x.startswith('files: ')]
    return lines_differ(native, guest)


# Every change on the read-only ramdisk is refused with EROFS.
FILES_RO = [r'^files-ro: %s: EROFS$' % re.escape(what) for what in (
    'open O_WRONLY', 'open O_RDWR', 'open O_CREAT new', 'mkdir', 'unlink',
    'rmdir', 'rename', 'truncate', 'access W_OK', 'unlinkat',
    'fopen "w"')] + [
    r'^files-ro: open O_CREAT\|O_EXCL existing: EEXIST$',
    r'^files-ro: mkdir existing: EEXIST$']
FILES_TESTS = [
    Test('files-cpio', 'a ramdisk made with `cpio -o -H newc` from a tree '
         '(symbolic links among it) is mounted read-only at /: walking, '
         'reading, seeking and every '
         'errno match the native build on the tree itself, and changes '
         'are EROFS', 'apps/tests/files', args=['/', 'ro'], mem=32,
         ramdisk=files_tree.cpio_archive,
         expect=[r'^petrel: ramdisk: a cpio archive of \d+ bytes, 19 '
                 r'names, mounted read-only at /$'] + FILES_RO,
         check=files_same_as_native),
    Test('files-tar', 'the same with a ramdisk made by GNU tar (a long name '
         'among its members)', 'apps/tests/files', args=['/', 'ro'],
         mem=32, ramdisk=files_tree.tar_archive,
         expect=[r'^petrel: ramdisk: a tar archive of \d+ bytes, 19 '
                 r'names, mounted read-only at /$'] + FILES_RO,
         check=files_same_as_native),
    Test('files-no-ramdisk', 'without a ramdisk "/" is an empty directory: '
         'every name is ENOENT', 'apps/tests/files', mem=32,
         expect=[r'^files: dir \.: 0 names, 2 dots$',
                 r'^files: open missing: ENOENT$',
                 r'^files: open hello\.txt: ENOENT$', r'^files: done$']),
    Test('files-bad-archive', 'a ramdisk whose member name climbs out '
         'with ".." stops the program at its first file call with a '
         'message naming why, exit status 1', 'apps/tests/files', mem=32,
         status=1, ramdisk=files_tree.bad_archive,
         expect=[r'^petrel: the ramdisk \(\d+ bytes\) cannot be mounted: '
                 r'a member name has "\.\." or is too long \(at byte 0\)$'],
         check=lambda job: 'the program went on' if any(
             x.startswith('files: ') for x in job.console) else None),
    Test('files-truncated-archive', 'a cpio ramdisk cut in the middle is '
         'refused the same way', 'apps/tests/files', mem=32, status=1,
         ramdisk=files_tree.truncated_archive,
         expect=[r'^petrel: the ramdisk \(\d+ bytes\) cannot be mounted: '
                 r'truncated']),
    Test('files-mount-malformed', 'a malformed PETREL_MOUNT stops the '
         'program with the entry and the reason, exit status 1',
         'apps/tests/files', mem=32, status=1,
         env=['PETREL_MOUNT=xvdb:/data,xvdc'],
         expect=[r'^petrel: PETREL_MOUNT=xvdb:/data,xvdc: entry 2: no mount '
                 r'point: want DEVICE:PATH\[:ro\]$']),
    Test('files-mount-missing', 'PETREL_MOUNT naming a disk the domain does '
         'not have stops the program with a message naming it, exit '
         'status 1', 'apps/tests/files', mem=32, status=1,
         env=['PETREL_MOUNT=xvdb:/data'],
         expect=[r'^petrel: cannot mount xvdb at /data: ']),
    Test('net-http-ramdisk', 'httpd --root /www serves files of a cpio '
         'ramdisk (a directory\'s index.html too, links followed) next to '
         'its embedded ones, and no request climbs out of /www', 'apps/httpd',
         args=['--root', '/www', '-x', '/quit'], mem=64, net=True,
         timeout=240, dom0='net-http-ramdisk.sh', files=netclient_files,
         ramdisk=files_tree.cpio_archive,
         dom0_expect=[r'^ok: /$', r'^ok: /docs/$', r'^ok: /docs$',
                      r'^ok: /docs/page\.txt$', r'^ok: /latest/page\.txt$',
                      r'^ok: /home\.html$',
                      r'^escape /\.\./hello\.txt: 404$',
                      r'^escape /docs/\.\./\.\./hello\.txt: 404$',
                      r'^escape /%2e%2e/hello\.txt: 404$',
                      r'^escape /docs/\.\.%2f\.\.%2fhello\.txt: 404$',
                      r'^big\.bin bytes: 1048576$'],
         expect=[r'httpd: \S+ "GET /docs/page\.txt HTTP/1\.1" 200 25$']),
]
TESTS += FILES_TESTS

NEWLIB_TESTS, NEWLIB_NOTES = newlib_testsuite.tests(Test)
TESTS += NEWLIB_TESTS
TESTS += ext4_test.tests(Test)
TESTS += fsmeta_test.tests(Test)


def libvirt_files():
    """apps/httpd's image and its domain XMLs (PV, PVH), written by
    `petrel export` as a user would, naming the image where the job puts
    it in dom0; and netclient.py."""
    out = os.path.join(TOP, 'build', 'libvirt-test')
    os.makedirs(out, exist_ok=True)
    httpd = image('apps/httpd')
    for mode, host in (('pv', 97), ('pvh', 98)):
        subprocess.run(
            [os.path.join(TOP, 'sdk/bin/petrel'), 'export', httpd,
             '--mode', mode, '--mem', '32', '--net', '--host', str(host),
             '--name', 'petrel-lv-' + mode, '--testbed',
             '--image-path', GUEST_DIR + '/libvirt/httpd',
             '-o', os.path.join(out, 'httpd-%s.xml' % mode), '--', '-q'],
            check=True)
    files = {'httpd-%s.xml' % m: os.path.join(out, 'httpd-%s.xml' % m)
             for m in ('pv', 'pvh')}
    files['httpd'] = httpd
    return dict(netclient_files(), **files)


# The job's guest (hello, by xl) only carries the dom0 script, which boots
# httpd three more times through libvirt (virsh) from `petrel export`'s
# XMLs. libvirt refuses a migration to the same host (the destination finds
# the domain already there, images/testbed/README.md): the test holds it to
# that, or to a migration that works, and the guest must answer after it.
TESTS.append(Test(
    'libvirt', 'libvirt\'s Xen driver runs an appliance from the XML of '
    '`petrel export`: virsh create (schema-validated), save and restore '
    '(PV), shutdown (the program gets SIGTERM, the domain goes; PV and '
    'PVH), and migrate to the same host (PVH), which libvirt refuses; httpd '
    'answers after each step', 'apps/hello', mode='pv', timeout=600,
    dom0='libvirt.sh', files=libvirt_files,
    dom0_expect=[r'^ok: libvirtd answers', r'^ok: create petrel-lv-pv \(',
                 r'^ok: petrel-lv-pv answers$',
                 r'^ok: restore petrel-lv-pv \(',
                 r'^ok: petrel-lv-pv after restore answers$',
                 r'^ok: petrel-lv-pv ended on SIGTERM and is gone$',
                 r'^ok: create petrel-lv-pvh \(',
                 r'^ok: petrel-lv-pvh answers$',
                 r'^ok: petrel-lv-pvh ended on SIGTERM and is gone$',
                 r'^ok: create petrel-lv-pvh again \(',
                 r'^(ok: migrate petrel-lv-pvh to this host|migrate refused '
                 r"\(status 1\): .*domain 'petrel-lv-pvh' is already active)",
                 r'^ok: petrel-lv-pvh after migrate answers$']))


def parse_args(argv):
    """The mode (--mode pv|pvh) and the test names to run."""
    global MODE
    if argv[:1] == ['--mode']:
        if len(argv) < 2 or argv[1] not in ('pv', 'pvh'):
            sys.exit('suite.py: --mode takes pv or pvh')
        MODE, argv = argv[1], argv[2:]
    return set(argv)


def label():
    return 'integration' if MODE == 'pv' else 'integration-' + MODE


# Tests that run in PV only (see the docstring).
PV_ONLY = {t.name for t in NEWLIB_TESTS}
# A known PVH defect (issue 10, open): under 100 parallel HTTP clients a
# PVH guest triple-faults as an event is delivered to its idle vCPU (Xen:
# "Triple fault", RIP just after the hlt of pvh_block). Every other test
# runs in PVH. (The "stalls" seen before were Xen trapping every rdtsc:
# the testbed now runs the TSC natively, see petrel/jobs.py.)
PVH_KNOWN_BROKEN = {
    # Since the IDT/TSS/GDT went read-only: 1 PASS, then 3 runs on a
    # loaded host where httpd closed some of the 100 connections
    # mid-response (no fault; PV passes the same test in 14 s).
    'net-http-load': 'triple fault on event delivery at idle under 100 '
                     'parallel clients (once); connections closed under a '
                     'loaded host',
    # Likely the same defect (not proven): in 2 of 8 runs the guest ended
    # without an exit status seconds after its migration, under the request
    # loop, as Xen's HVM triple-fault action ("reboot") ends a guest.
    'net-http-migrate': 'a silent end after the migration in 2 of 8 runs '
                        '(likely net-http-load\'s triple fault; unproven)',
}


def main():
    only = parse_args(sys.argv[1:])
    # Tests of one mode run once, with the PV suite (in make test).
    tests = [t for t in TESTS if (not only or t.name in only) and
             (MODE == 'pv' or (t.name not in PV_ONLY and not t.mode))]
    # A known PVH defect keeps a test out of a full run; named, it runs.
    for t in [t for t in tests if (t.mode or MODE) == 'pvh' and
              t.name in PVH_KNOWN_BROKEN and not only]:
        print('NOTE: %s/%s: not run: known PVH defect: %s'
              % (label(), t.name, PVH_KNOWN_BROKEN[t.name]))
        tests.remove(t)
    for name, kind, why in NEWLIB_NOTES:
        if (not only or name in only) and MODE == 'pv':
            print('%s: %s/%s: %s' % (kind, label(), name, why))
    # newlib's test programs are built here, when they are to run.
    for t in [t for t in tests if getattr(t, 'build', None)]:
        why = t.build()
        if why:
            print('FAIL: %s/%s: %s' % (label(), t.name, why))
            tests.remove(t)
    missing = [t for t in tests if not os.path.isfile(image(t.app))]
    for t in missing:
        print('FAIL: %s/%s: image not built: %s'
              % (label(), t.name, image(t.app)))
    tests = [t for t in tests if t not in missing]
    if not tests:
        return
    log = os.path.join(TOP, 'build', '%s-testbed.log' % label())

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
            print('PASS: %s/%s' % (label(), t.name))
            continue
        print('FAIL: %s/%s: %s' % (label(), t.name, why))
        # dom0's lines first: they are few, and a truncated report keeps them.
        for line in job.dom0[-10:]:
            print('    dom0| ' + line)
        for line in job.xl + job.console[-30:]:
            print('    | ' + line)
    if not res.completed:
        print('  testbed problem: %s (log: %s)' % (res.error, log))
        for line in res.tail[-15:]:
            print('    ' + line)


if __name__ == '__main__':
    main()
