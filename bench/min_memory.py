#!/usr/bin/env python3
"""Measure the smallest memory (MB) each image works in, per mode.

One testbed boot runs apps/hello (must print its greeting and exit 0) and
apps/httpd (must answer GET / from dom0) at a ladder of memory sizes, as
PV and as PVH, and reports the smallest size that worked for each. xl
refuses PV below 4 MB (its builder pads the initial mapping), so PV
starts there.

    python3 bench/min_memory.py [OUT.md]    (make bench runs it)
"""
import os
import re
import sys

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
sys.path.insert(0, os.path.join(TOP, 'sdk', 'lib'))
from petrel.jobs import MIN_MEM_MB, MODES, Job  # noqa: E402
from petrel.session import Session  # noqa: E402
import benchlib  # noqa: E402

LADDER = (1, 2, 3, 4, 5, 6, 8)
NETCLIENT = os.path.join(TOP, 'test/integration/netclient.py')


def jobs():
    for mode in MODES:
        for mb in (m for m in LADDER if m >= MIN_MEM_MB[mode]):
            yield ('hello', mode, mb), Job(
                name='hello-%s-%d' % (mode, mb), mode=mode, mem_mb=mb,
                image=os.path.join(TOP, 'build/apps/hello/hello'),
                timeout=40)
            yield ('httpd', mode, mb), Job(
                name='httpd-%s-%d' % (mode, mb), mode=mode, mem_mb=mb,
                image=os.path.join(TOP, 'build/apps/httpd/httpd'),
                args=['-x', '/quit'], net=['static'], timeout=120,
                dom0_script=os.path.join(TOP, 'bench/dom0/serve-once.sh'),
                files={'netclient.py': NETCLIENT})


def worked(app, job):
    if job.result != 'exit' or job.status != 0:
        return False
    if app == 'hello':
        return 'Hello from Petrel' in job.console
    return any(re.match(r'^serve: ok$', x) for x in job.dom0)


def main():
    out = benchlib.output_path(__doc__,
                               os.path.join(TOP, 'build/bench/min-memory.md'))
    todo = list(jobs())
    res = Session().run([j for _, j in todo])
    smallest, tried = {}, {}
    for (app, mode, mb), job in todo:
        r = res.jobs[job.name]
        ok = worked(app, r)
        print('%-16s %s %s' % (job.name, 'ok' if ok else 'failed',
                                r.result), flush=True)
        tried.setdefault(app, {}).setdefault(mode, {})[mb] = r.result if \
            not ok else 'ok'
        if ok and (app, mode) not in smallest:
            smallest[app, mode] = mb
    lines = ['| image | PV | PVH |', '|---|---|---|']
    for app in ('hello', 'httpd'):
        lines.append('| %s | %s | %s |' % (app, *(
            '%d MB' % smallest[app, m] if (app, m) in smallest else
            'none of %s' % '/'.join(map(str, LADDER)) for m in MODES)))
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, 'w') as f:
        f.write('\n'.join(lines) + '\n')
    print('\n'.join(lines))
    problems = [] if res.completed else ['testbed: %s' % res.error]
    benchlib.save_json(out, {'ladder_mb': list(LADDER), 'tried': tried,
                             'smallest_mb': {
                                 app: {m: smallest.get((app, m))
                                       for m in MODES}
                                 for app in ('hello', 'httpd')}}, problems)
    if problems:
        print('testbed problem: %s' % res.error)


if __name__ == '__main__':
    main()
