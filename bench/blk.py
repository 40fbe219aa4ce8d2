#!/usr/bin/env python3
"""Benchmark: Petrel's raw-disk I/O against a Linux PV domU, side by side.

One testbed boot runs apps/blkbench twice: as a Petrel image, and built
natively in a Linux PV domU (test/integration/linux_guest.py; O_DIRECT
there, so its page cache does not count). Each guest gets its own fresh
disk file of the same size, attached the same way (a testbed drive that
dom0 hands to the guest as a phy disk, xvda; see sdk/lib/petrel/disks.py).
blkbench does RUNS runs of sequential write and read (1 MiB requests)
and random 4 KiB reads and writes (fsync counted) over REGION_MIB MiB,
checking every byte it reads; each figure here is the median of the runs,
and the ratio is Petrel's over Linux's.

    python3 bench/blk.py [OUT.md]      (make bench runs it)

Writes the table to OUT.md (default build/bench/blk.md) and stdout, the
runs to build/bench/blk-runs.txt. Needs `make` and the testbed built.
"""
import os
import re
import sys
import tempfile

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
sys.path.insert(0, os.path.join(TOP, 'sdk', 'lib'))
sys.path.insert(0, os.path.join(TOP, 'test', 'integration'))
from petrel.disks import attach_testbed_drives  # noqa: E402
from petrel.jobs import Job  # noqa: E402
import linux_guest  # noqa: E402
import benchlib  # noqa: E402

OUT = os.path.join(TOP, 'build', 'bench')
RUNS = 5
REGION_MIB = 64
OPS = 1000
DISK_MIB = REGION_MIB + 1

# (label, field of blkbench's run line)
ROWS = [
    ('sequential write, MB/s (1 MiB requests, fsync counted)',
     'seqwrite_MBps'),
    ('sequential read, MB/s (1 MiB requests)', 'seqread_MBps'),
    ('random read, IOPS (4 KiB, one at a time)', 'randread_IOPS'),
    ('random write, IOPS (4 KiB, one at a time, fsync counted)',
     'randwrite_IOPS'),
]

LINE = re.compile(r'^blkbench: run (?P<run>\d+) (?P<rest>.*)$')
DONE = re.compile(r'^blkbench: done, 0 failures$')


def disk_file(os_name):
    """A fresh zero-filled disk file for one guest."""
    path = os.path.join(OUT, 'blk-%s.img' % os_name)
    if os.path.exists(path):
        os.unlink(path)
    with open(path, 'wb') as f:
        f.truncate(DISK_MIB << 20)
    return path


def write_jobs(tmp):
    """Petrel then Linux; returns the job folder names, in run order."""
    args = ['-s', str(REGION_MIB), '-n', str(OPS), '-r', str(RUNS),
            '/dev/xvda']
    image = os.path.join(TOP, 'build/apps/blkbench/blkbench')
    jobs = [Job(name='%02d-%s-blk' % (i, os_name), image=image, args=args,
                mem_mb=64, timeout=1200, disks=[(disk_file(os_name), False)])
            for i, os_name in enumerate(('petrel', 'linux'))]
    attach_testbed_drives(tmp, jobs)
    jobs[0].write(tmp)
    linux_guest.write_job(tmp, jobs[1].name, jobs[1], 'blkbench', args)
    return [job.name for job in jobs]


def figures(lines):
    """{field: [values of the runs]} from a guest's console lines."""
    got = {}
    for line in lines:
        m = LINE.match(line)
        if not m:
            continue
        words = m.group('rest').split()
        for field, value in zip(words[::2], words[1::2]):
            got.setdefault(field, []).append(float(value))
    return got


def table(results):
    out = ['| metric (%d MiB region, raw disk xvda) | Petrel | Linux domU '
           '(O_DIRECT) | Petrel / Linux |' % REGION_MIB,
           '|---|---|---|---|']
    for label, field in ROWS:
        p, ptext = benchlib.cell(results.get('petrel', {}).get(field))
        lx, ltext = benchlib.cell(results.get('linux', {}).get(field))
        out.append('| %s | %s | %s | %s |' % (label, ptext, ltext,
                                              benchlib.ratio_text(p, lx)))
    return '\n'.join(out)


def json_results(results):
    """{field: benchlib.side_by_side} for every row, for bench/report.py."""
    return {field: benchlib.side_by_side(
        label, field.split('_')[1].replace('MBps', 'MB/s'),
        results.get('petrel', {}).get(field),
        results.get('linux', {}).get(field)) for label, field in ROWS}


def main():
    out_md = benchlib.output_path(__doc__, os.path.join(OUT, 'blk.md'))
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix='bench-blk-') as tmp:
        names = write_jobs(tmp)
        res = linux_guest.boot(tmp, names,
                               os.path.join(OUT, 'blk-testbed.log'))
    results, problems, raw = {}, [], []
    for name in names:
        os_name = name.split('-')[1]
        job = res.jobs.get(name)
        if job is None:
            problems.append('%s: did not run' % name)
            continue
        raw += ['%s| %s' % (name, x) for x in job.console
                if x.startswith('blkbench: ')]
        results[os_name] = figures(job.console)
        if not any(DONE.match(x) for x in job.console):
            problems.append('%s: no "blkbench: done, 0 failures" (result '
                            '%s); last lines: %s' % (
                                name, job.result,
                                ' / '.join(job.console[-3:])))
    if not res.completed:
        problems.append('the testbed did not finish: %s' % res.error)
    text = table(results)
    text = benchlib.write_results(out_md, text, json_results(results),
                                  problems)
    with open(os.path.join(OUT, 'blk-runs.txt'), 'w') as f:
        f.write('\n'.join(raw) + '\n')
    print(text)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
