#!/usr/bin/env python3
"""Benchmark: how many Petrel httpd appliances run at once in 512 MB.

One testbed boot runs apps/httpd as a Petrel image; its dom0 script
(bench/dom0/density.sh) creates more appliances like it, each with its own
address, at the smallest memory httpd works in (build/bench/min-memory.json
when bench/min_memory.py ran, else 4 MB PV, the PV floor), while the
memory Xen handed out for them (their memory and Xen's overhead per
domain) stays within 512 MB; then fetches / from each once from dom0.
The testbed gives Xen 2 GB and dom0 1 GB, so ~1 GB is free for guests:
512 MB fits.

    python3 bench/density.py [OUT.md]    (make bench runs it)

Writes the table to OUT.md (default build/bench/density.md) and stdout,
the figures to OUT.json. Needs `make` and the testbed built.
"""
import json
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
BUDGET_MB = 512
ARGS = ['-q', '-x', '/quit']
START = re.compile(r'^bench: density start free_mb (\d+)')
CREATED = re.compile(r'^bench: density created (\d+) used_mb (\d+) '
                     r'create_all_s (\d+) stop: (.*)$')
ANSWERED = re.compile(r'^bench: density answered (\d+) of (\d+)')


def smallest_httpd():
    """(mode, MB): the smallest memory httpd worked in per min_memory.py,
    the mode with the smaller one; (pv, 4) without its results."""
    try:
        with open(os.path.join(OUT, 'min-memory.json')) as f:
            got = json.load(f)['results']['smallest_mb']['httpd']
    except (OSError, ValueError, KeyError):
        return 'pv', 4
    found = sorted((mb, mode) for mode, mb in got.items() if mb)
    return (found[0][1], found[0][0]) if found else ('pv', 4)


def main():
    out_md = benchlib.output_path(__doc__, os.path.join(OUT, 'density.md'))
    os.makedirs(OUT, exist_ok=True)
    mode, mem = smallest_httpd()
    script = os.path.join(OUT, 'density-dom0.sh')
    with open(os.path.join(TOP, 'bench/dom0/density.sh')) as f:
        body = f.read()
    with open(script, 'w') as f:
        f.write('MEM=%d BUDGET_MB=%d\n%s' % (mem, BUDGET_MB, body))
    job = Job(name='density', image=os.path.join(TOP,
                                                 'build/apps/httpd/httpd'),
              args=ARGS, mode=mode, mem_mb=16, net=['static'], timeout=1500,
              dom0_script=script,
              files={'netclient.py': os.path.join(
                  TOP, 'test/integration/netclient.py'),
                  'appliance.sh': os.path.join(TOP,
                                               'bench/dom0/appliance.sh')})
    with tempfile.TemporaryDirectory(prefix='bench-density-') as tmp:
        names = pairs.write_jobs(tmp, [('petrel', job, 'httpd', ARGS)])
        res = pairs.boot(tmp, names,
                         os.path.join(OUT, 'density-testbed.log'))
    r = res.jobs.get(names[0])
    results = {'mode': mode, 'mem_mb': mem, 'budget_mb': BUDGET_MB}
    problems = []
    for line in r.dom0 if r else []:
        for rx, keys in ((START, ('free_mb',)),
                         (CREATED, ('created', 'used_mb', 'create_all_s',
                                    'stop')),
                         (ANSWERED, ('answered',))):
            m = rx.match(line)
            if m:
                results.update({k: int(v) if v.isdigit() else v
                                for k, v in zip(keys, m.groups())})
        if line.startswith('bench: density no answer'):
            problems.append(line[len('bench: density '):])
    if 'answered' not in results:
        problems.append('no result (job %s); last dom0 lines: %s' % (
            r.result if r else 'did not run',
            ' / '.join(r.dom0[-3:]) if r else ''))
    if not res.completed:
        problems.append('the testbed did not finish: %s' % res.error)
    text = '\n'.join([
        '| what | figure |', '|---|---|',
        '| appliance | apps/httpd, %s, %d MB |' % (mode.upper(), mem),
        '| memory free for guests at the start | %s MB |'
        % results.get('free_mb', '?'),
        '| appliances created within %d MB | %s (stopped: %s) |' % (
            BUDGET_MB, results.get('created', '?'), results.get('stop', '?')),
        '| memory they took (with Xen\'s overhead) | %s MB |'
        % results.get('used_mb', '?'),
        '| appliances that answered GET / | %s |'
        % results.get('answered', '?'),
        '| time to create them all (TCG) | %s s |'
        % results.get('create_all_s', '?')])
    text = benchlib.write_results(out_md, text, results, problems, limit=20)
    print(text)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
