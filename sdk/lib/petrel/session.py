"""Run jobs on Xen and collect what happened, from the agent's protocol.

Two back ends share one protocol: the bundled testbed (QEMU boots Xen
and a Debian dom0 whose agent runs the jobs) and a real dom0, where the
same agent script runs directly with the host's xl.
"""
import collections
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field

from .disks import attach_testbed_drives
from .jobs import GUEST_DIR, number_hosts
from .streams import KERNEL, ConsoleDemux
from . import postmortem
from .symbolize import Symbolizer

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..'))
TESTBED_DIR = os.path.join(TOP, 'build', 'testbed')

# Seconds allowed for the testbed itself (QEMU + Xen + dom0 under TCG),
# on top of the jobs' own timeouts.
TESTBED_BOOT_ALLOWANCE = 600
PER_JOB_OVERHEAD = 30

_EVENTS = [
    ('ready', re.compile(r'^@@petrel dom0-ready t=([\d.]+)')),
    ('start', re.compile(r'^@@petrel job-start (\S+)')),
    ('created', re.compile(
        r'^@@petrel created (\S+) domid=(\d+) t=([\d.]+) create_s=([\d.]+)')),
    ('resumed', re.compile(
        r'^@@petrel resumed (\S+) domid=(\d+) t=([\d.]+)')),
    ('console', re.compile(r'^@@petrel console (\S+)\| ?(.*)$')),
    ('dom0', re.compile(r'^@@petrel dom0 (\S+)\| ?(.*)$')),
    ('dom0-exit', re.compile(r'^@@petrel dom0-exit (\S+) status=(-?\d+)')),
    ('xl', re.compile(r'^@@petrel xl (\S+)\| ?(.*)$')),
    ('xen', re.compile(r'^@@petrel xen (\S+)\| ?(.*)$')),
    ('memory', re.compile(r'^@@petrel memory (\S+)\| ?(.*)$')),
    ('end', re.compile(r'^@@petrel job-end (\S+) result=(\w+) '
                       r'status=(-?\d+) t=([\d.]+)(?: run_s=([\d.]+))?')),
    ('done', re.compile(r'^@@petrel all-done')),
]


@dataclass
class JobResult:
    name: str
    console: list = field(default_factory=list)   # all streams, merged
    dom0: list = field(default_factory=list)
    xl: list = field(default_factory=list)
    xen: list = field(default_factory=list)   # Xen's log, after a crash
    memory: list = field(default_factory=list)  # guest memory, ditto
    domid: int = None         # the guest's latest domid (see resumed)
    # (domid, dom0 uptime) each time the guest came back under a new domid
    # (the job's dom0 script saved and restored it, or migrated it).
    resumed: list = field(default_factory=list)
    create_s: float = None
    run_s: float = None
    result: str = None        # exit, crash, timeout, noexit, createfail
    status: int = -1
    dom0_status: int = None
    demux: ConsoleDemux = field(default_factory=ConsoleDemux)
    symbolizer: Symbolizer = None

    def _overflow_place(self):
        """" in thread 'NAME' (in FUNCTION)", as far as is known."""
        name = postmortem.thread_name(self.memory)
        func = self._function_at(postmortem.xen_rip(self.xen))
        return ("%s%s" % (" in thread '%s'" % name if name else '',
                          ' (in %s)' % func if func else ''))

    @property
    def output(self):
        return '\n'.join(self.console)

    # The guest's lines per stream (an unfinished last line included once
    # the job ended); kernel lines have their backtraces symbolized.
    @property
    def stdout(self):
        return self.demux.lines['stdout']

    @property
    def stderr(self):
        return self.demux.lines['stderr']

    def text(self, stream):
        """Exactly what the guest wrote to 'stdout' or 'stderr'."""
        return self.demux.text(stream)

    @property
    def kernel(self):
        lines = self.demux.lines[KERNEL]
        return [self.symbolizer.annotate(x) for x in lines] \
            if self.symbolizer else list(lines)

    def _function_at(self, rip):
        """The function (file:line) at guest address rip, or None."""
        return self.symbolizer.lookup(rip) if rip and self.symbolizer \
            else None

    def _with_function(self, reason):
        """A guest's own stack-overflow report (PVH takes the fault on a
        stack of its own) names the function too, from the RIP it dumped,
        as the report made from Xen's log does for PV."""
        m = re.match(r"^(stack overflow in thread '[^']*') \((.*)\)$", reason)
        func = self._function_at(postmortem.guest_rip(self.console)) \
            if m else None
        if not func:
            return reason
        return '%s (in %s): %s' % (m.group(1), func, m.group(2))

    def crash_reason(self):
        """One line saying why the guest crashed, from its own report or,
        when it could not make one, from what Xen logged."""
        for line in self.console:
            m = re.match(r'^(CRASH|PANIC): (.*)$', line)
            if m:
                return self._with_function(m.group(2))
        xen = '\n'.join(self.xen)
        if 'domain_crash_page_fault' in xen or 'create_bounce_frame' in xen:
            return 'stack overflow%s: Xen could not push an exception ' \
                'frame onto the guest stack (it ran into a guard page)' \
                % self._overflow_place()
        if 'crashed on cpu' in xen:
            return 'Xen crashed the guest (see its log above)'
        return 'the guest crashed without a report'


@dataclass
class SessionResult:
    jobs: dict
    completed: bool = False
    dom0_ready_s: float = None
    error: str = None
    tail: list = field(default_factory=list)


def in_real_dom0():
    try:
        with open('/proc/xen/capabilities') as f:
            return 'control_d' in f.read()
    except OSError:
        return False


class Session:
    """Boot once, run the given jobs in order, report per-job results.

    on_line(kind, job, text) is called as lines arrive, so callers can
    stream the guest console live: kind 'console' gives each merged
    console line, and 'stdout', 'stderr', 'kernel' give each stream's
    text as it comes (ending with a newline when a line ended).
    """

    def __init__(self, verbose=False, on_line=None):
        self.verbose = verbose
        self.on_line = on_line or (lambda kind, job, text: None)

    def _command(self, jobs_dir, log_path):
        if in_real_dom0():
            if not os.path.isdir('/var/log/xen/console'):
                print('petrel: warning: no /var/log/xen/console: the guest '
                      'console is only visible when xenconsoled runs with '
                      '--log=guest (XENCONSOLED_TRACE=guest)',
                      file=sys.stderr)
            return ['bash', os.path.join(TOP, 'images/testbed/agent'),
                    jobs_dir]
        for f in ('xen', 'vmlinuz', 'dom0.cpio.zst'):
            if not os.path.exists(os.path.join(TESTBED_DIR, f)):
                raise RuntimeError('testbed not built (missing %s); run '
                                   '`make testbed`' % f)
        return ['bash', os.path.join(TOP, 'images/testbed/boot.sh'),
                TESTBED_DIR, jobs_dir, log_path]

    def run(self, jobs, log_path=None):
        # The unstripped image stays on the host for symbolization.
        symbolizers = {j.name: Symbolizer(j.image) for j in jobs}
        with tempfile.TemporaryDirectory(prefix='petrel-jobs-') as tmp:
            jobs_dir = os.path.join(tmp, 'jobs')
            os.makedirs(jobs_dir)
            real_dom0 = in_real_dom0()
            number_hosts(jobs)
            if not real_dom0:
                # One QEMU drive per distinct disk file (disks.py).
                attach_testbed_drives(jobs_dir, jobs)
            for job in jobs:
                # In a real dom0, xl reads the image where we wrote it.
                job.write(jobs_dir, jobs_dir if real_dom0 else GUEST_DIR,
                          testbed=not real_dom0)
            log_path = log_path or os.path.join(tmp, 'testbed.log')
            budget = TESTBED_BOOT_ALLOWANCE + sum(
                j.timeout + PER_JOB_OVERHEAD for j in jobs)
            env = dict(os.environ, PETREL_TESTBED_TIMEOUT=str(budget))
            proc = subprocess.Popen(self._command(jobs_dir, log_path),
                                    stdout=subprocess.PIPE,
                                    stdin=subprocess.DEVNULL, env=env)
            try:
                res = self._consume(proc, jobs, symbolizers)
            finally:
                if proc.poll() is None:
                    proc.kill()
                proc.wait()
        if not res.completed and not res.error:
            res.error = ('testbed stopped before all jobs finished '
                         '(exit status %d)' % proc.returncode)
        return res

    def _consume(self, proc, jobs, symbolizers):
        res = SessionResult(jobs={j.name: JobResult(
            j.name, symbolizer=symbolizers[j.name]) for j in jobs})
        tail = collections.deque(maxlen=60)
        for raw in proc.stdout:
            # surrogateescape: bytes that are not UTF-8 pass through intact.
            line = raw.decode('utf-8', 'surrogateescape').rstrip('\r\n')
            line = line.replace('\r', '')
            event = self._parse(line)
            if event is None:
                tail.append(line)
                if self.verbose:
                    self.on_line('testbed', None, line)
                continue
            kind, m = event
            self._apply(res, kind, m, symbolizers)
            if kind == 'done':
                res.completed = True
        res.tail = list(tail)
        return res

    @staticmethod
    def _parse(line):
        pos = line.find('@@petrel ')
        if pos < 0:
            return None
        line = line[pos:]  # Xen may have printed a prefix on that line
        for kind, rx in _EVENTS:
            m = rx.match(line)
            if m:
                return kind, m
        return None

    def _apply(self, res, kind, m, symbolizers):
        if kind == 'ready':
            res.dom0_ready_s = float(m.group(1))
            self.on_line('ready', None, m.group(1))
            return
        if kind == 'done':
            return
        job = res.jobs.get(m.group(1))
        if job is None:
            return
        if kind == 'created':
            job.domid = int(m.group(2))
            job.create_s = float(m.group(4))
        elif kind == 'resumed':
            job.domid = int(m.group(2))
            job.resumed.append((job.domid, float(m.group(3))))
        elif kind == 'console':
            self._console(job, m.group(2), symbolizers[job.name])
        elif kind == 'dom0':
            job.dom0.append(m.group(2))
        elif kind == 'xl':
            job.xl.append(m.group(2))
        elif kind == 'xen':
            job.xen.append(m.group(2))
        elif kind == 'memory':
            job.memory.append(m.group(2))
        elif kind == 'dom0-exit':
            job.dom0_status = int(m.group(2))
        elif kind == 'end':
            job.demux.finish()
            job.result = m.group(2)
            job.status = int(m.group(3))
            job.run_s = float(m.group(5)) if m.group(5) else None
        if kind == 'console':
            return
        self.on_line(kind, job, job.dom0[-1] if kind == 'dom0' else
                     job.xl[-1] if kind == 'xl' else
                     job.xen[-1] if kind == 'xen' else '')

    def _console(self, job, raw, symbolizer):
        merged, chunks = job.demux.feed(raw)
        job.console.append(symbolizer.annotate(merged))
        self.on_line('console', job, job.console[-1])
        for stream, text in chunks:
            if stream == KERNEL and text.endswith('\n'):
                text = symbolizer.annotate(text[:-1]) + '\n'
            self.on_line(stream, job, text)
