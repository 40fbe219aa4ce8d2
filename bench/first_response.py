#!/usr/bin/env python3
"""Benchmark: `xl create` -> the first HTTP response, Petrel against Linux.

One testbed boot runs apps/httpd as a Petrel image (PV and PVH, 64 MB) and
built natively in the Linux PV domU of bench/net.py (its busybox
initramfs, 128 MB). The dom0 script (bench/dom0/first-response.sh)
creates a fresh guest like the job's RUNS times, and times from the start
of `xl create` to the first GET / that answers 200 (curl polling from
dom0, so the figure includes up to one poll, ~0.1-0.5 s under TCG).
Every figure is the median of the runs; the ratio is Petrel's over
Linux's.

    python3 bench/first_response.py [OUT.md]    (make bench runs it)

Writes the table to OUT.md (default build/bench/first-response.md) and
stdout, the figures to OUT.json. Needs `make` and the testbed built.
"""
import os
import re
import sys
import tempfile

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
sys.path.insert(0, os.path.join(TOP, 'sdk', 'lib'))
from petrel.jobs import Job  # noqa: E402
import benchlib  # noqa: E402
import pairs  # noqa: E402

OUT = os.path.join(TOP, 'build', 'bench')
RUNS = 5
ARGS = ['-q', '-x', '/quit']
# (job name, os, mode): the guests measured, in run order.
GUESTS = (('petrel-pv', 'petrel', 'pv'), ('petrel-pvh', 'petrel', 'pvh'),
          ('linux-pv', 'linux', 'pv'))
LINE = re.compile(r'^bench: first-response run \d+ create_ms (\d+) '
                  r'response_ms (\d+)$')
FAILED = re.compile(r'^bench: first-response run \d+ failed')


def job(name, mode):
    return Job(name=name, image=os.path.join(TOP, 'build/apps/httpd/httpd'),
               args=ARGS, mode=mode, mem_mb=64, net=['static'],
               timeout=120 + RUNS * 150,
               dom0_script=os.path.join(TOP, 'bench/dom0/first-response.sh'),
               files={'netclient.py': os.path.join(
                   TOP, 'test/integration/netclient.py'),
                   'appliance.sh': os.path.join(TOP,
                                                'bench/dom0/appliance.sh')})


def figures(job_result):
    """([create s], [create -> response s], [failed lines])."""
    create, response, failed = [], [], []
    for line in job_result.dom0:
        m = LINE.match(line)
        if m:
            create.append(int(m.group(1)) / 1000)
            response.append(int(m.group(2)) / 1000)
        elif FAILED.match(line):
            failed.append(line)
    return create, response, failed


def table(results):
    """xl create, create -> response and create returned -> response
    (the guest's own part), each with its ratio to Linux's."""
    fields = ('create_s', 'response_s', 'after_create_s')
    out = ['| guest (apps/httpd), s (TCG-emulated) | xl create | ratio | '
           'create -> first response | ratio | create returned -> first '
           'response | ratio |', '|---|---|---|---|---|---|---|']
    linux = results.get('linux-pv', {})
    for name, _, _ in GUESTS:
        r, cells = results.get(name, {}), []
        for field in fields:
            med, text = benchlib.cell(r.get(field))
            cells += [text, benchlib.ratio_text(
                med, benchlib.median(linux.get(field)))]
        out.append('| %s | %s |' % (name, ' | '.join(cells)))
    return '\n'.join(out)


def main():
    out_md = benchlib.output_path(__doc__,
                                  os.path.join(OUT, 'first-response.md'))
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix='bench-fr-') as tmp:
        names = pairs.write_jobs(tmp, [
            (os_name, job(name, mode), 'httpd', ARGS)
            for name, os_name, mode in GUESTS])
        res = pairs.boot(tmp, names,
                         os.path.join(OUT, 'first-response-testbed.log'))
    results, problems = {}, []
    for (name, _, _), folder in zip(GUESTS, names):
        r = res.jobs.get(folder)
        if r is None:
            problems.append('%s: did not run' % name)
            continue
        create, response, failed = figures(r)
        results[name] = {'create_s': create, 'response_s': response,
                         'after_create_s': [
                             round(r - c, 3) for c, r in zip(create,
                                                             response)]}
        problems += ['%s: %s' % (name, x) for x in failed]
        if not response:
            problems.append('%s: no figures (result %s); last dom0 lines: %s'
                            % (name, r.result, ' / '.join(r.dom0[-3:])))
    if not res.completed:
        problems.append('the testbed did not finish: %s' % res.error)
    text = table(results)
    text = benchlib.write_results(out_md, text, results, problems)
    print(text)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
