#!/usr/bin/env python3
"""Benchmark: Petrel's network against a Linux PV domU, side by side.

One testbed boot runs apps/httpd and apps/echo twice each: as Petrel
images, and built natively in a Linux PV domU (the testbed's Debian
kernel with a busybox initramfs, test/integration/linux_guest.py). dom0
drives both with the same scripts (bench/dom0/): wrk with keep-alive on
1 KiB and 64 KiB files, bulk HTTP downloads with curl, and a TCP echo of
16 MiB with a Python client. Every figure is the median of RUNS runs;
the ratio is Petrel's over Linux's.

    python3 bench/net.py [OUT.md]      (make bench runs it)

Writes the table to OUT.md (default build/bench/net.md) and stdout, the
runs to build/bench/net-runs.txt. Needs `make` and the testbed built.
"""
import os
import re
import sys
import tempfile

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
sys.path.insert(0, os.path.join(TOP, 'sdk', 'lib'))
sys.path.insert(0, os.path.join(TOP, 'test', 'integration'))
from petrel.jobs import Job  # noqa: E402
import pairs  # noqa: E402
import benchlib  # noqa: E402

OUT = os.path.join(TOP, 'build', 'bench')
NETCLIENT = os.path.join(TOP, 'test/integration/netclient.py')
RUNS = 5

# app, its arguments, dom0 script
APPS = {
    'http': ('httpd', ['-q', '-x', '/quit'], 'http.sh'),
    'echo': ('echo', ['-n', str(RUNS + 1)], 'echo.sh'),
}

# (label, job kind, what, field, goal): what is the word after "bench:"
# (and the size), field the figure within the run's line.
ROWS = [
    ('HTTP 1 KiB, req/s (wrk -c 16, keep-alive)', 'http', 'http 1k', 'rps',
     '>= 1.5x'),
    ('HTTP 1 KiB, latency p50 (ms)', 'http', 'http 1k', 'p50', ''),
    ('HTTP 1 KiB, latency p99 (ms)', 'http', 'http 1k', 'p99', ''),
    ('HTTP 64 KiB, req/s (wrk -c 16, keep-alive)', 'http', 'http 64k', 'rps',
     '>= 1.5x'),
    ('HTTP 64 KiB, latency p50 (ms)', 'http', 'http 64k', 'p50', ''),
    ('HTTP 64 KiB, latency p99 (ms)', 'http', 'http 64k', 'p99', ''),
    ('TCP guest to dom0, MB/s (curl, 16 x 1 MiB)', 'http', 'download',
     'MBps', ''),
    ('TCP echo, MB/s each way (16 MiB out and back)', 'echo', 'echo',
     'MBps', ''),
]

LINE = re.compile(r'^bench: (?P<what>http \w+|download|echo) run (?P<run>\d+)'
                  r' (?P<rest>.*)$')


def jobs_for(os_name, kind):
    app, args, script = APPS[kind]
    image = os.path.join(TOP, 'build/apps', app, app)
    return Job(name='%s-%s' % (os_name, kind), image=image, args=args,
               mem_mb=64, net=['static'], timeout=900,
               dom0_script=os.path.join(TOP, 'bench/dom0', script),
               files={'netclient.py': NETCLIENT})


def write_jobs(tmp):
    """Petrel then Linux for each app, so both see the testbed in the
    same state; returns the job folder names, in run order."""
    return pairs.write_jobs(tmp, [
        (os_name, jobs_for(os_name, kind), *APPS[kind][:2])
        for kind in APPS for os_name in ('petrel', 'linux')])


def figures(job):
    """{(what, field): [values of the runs]} from a job's dom0 lines, and
    the lines of runs that failed."""
    got, failed = {}, []
    for line in job.dom0:
        m = LINE.match(line)
        if not m:
            continue
        words = m.group('rest').split()
        if not words or words[0].startswith('failed'):
            failed.append(line)
            continue
        for field, value in zip(words[::2], words[1::2]):
            got.setdefault((m.group('what'), field), []).append(float(value))
    return got, failed


def table(results):
    out = ['| metric | Petrel | Linux domU | Petrel / Linux | goal |',
           '|---|---|---|---|---|']
    for label, kind, what, field, goal in ROWS:
        p, ptext = benchlib.cell(runs(results, 'petrel', kind, what, field))
        lx, ltext = benchlib.cell(runs(results, 'linux', kind, what, field))
        out.append('| %s | %s | %s | %s | %s |' % (
            label, ptext, ltext, benchlib.ratio_text(p, lx), goal or '-'))
    return '\n'.join(out)


def runs(results, os_name, kind, what, field):
    return results.get((os_name, kind), {}).get((what, field))


# What a field measures: its unit, and which way is better.
UNITS = {'rps': ('req/s', 'higher'), 'p50': ('ms', 'lower'),
         'p90': ('ms', 'lower'), 'p99': ('ms', 'lower'),
         'MBps': ('MB/s', 'higher')}


def json_results(results):
    """{key: benchlib.side_by_side} for every row, keyed as
    "http_1k_rps" (what and field), for bench/report.py."""
    out = {}
    for label, kind, what, field, _ in ROWS:
        unit, better = UNITS[field]
        out['%s_%s' % (what.replace(' ', '_'), field)] = \
            benchlib.side_by_side(
                label, unit, runs(results, 'petrel', kind, what, field),
                runs(results, 'linux', kind, what, field), better)
    return out


def main():
    out_md = benchlib.output_path(__doc__, os.path.join(OUT, 'net.md'))
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix='bench-net-') as tmp:
        names = write_jobs(tmp)
        res = pairs.boot(tmp, names, os.path.join(OUT, 'net-testbed.log'))
    results, problems, raw = {}, [], []
    for name in names:
        job = res.jobs.get(name)
        os_name, kind = name.split('-')[1:3]
        if job is None:
            problems.append('%s: did not run' % name)
            continue
        raw += ['%s| %s' % (name, x) for x in job.dom0 if LINE.match(x)]
        results[(os_name, kind)], failed = figures(job)
        problems += ['%s: %s' % (name, x) for x in failed]
        if not results[(os_name, kind)]:
            problems.append('%s: no figures (result %s); last dom0 lines: %s'
                            % (name, job.result, ' / '.join(job.dom0[-3:])))
    if not res.completed:
        problems.append('the testbed did not finish: %s' % res.error)
    text = table(results)
    text = benchlib.write_results(out_md, text, json_results(results),
                                  problems)
    with open(os.path.join(OUT, 'net-runs.txt'), 'w') as f:
        f.write('\n'.join(raw) + '\n')
    print(text)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
