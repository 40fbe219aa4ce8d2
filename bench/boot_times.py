#!/usr/bin/env python3
"""Benchmark: testbed boot time and guest create/run times.

Boots the testbed once and runs apps/hello N times (default 5) as PV and
N times as PVH. Prints the time until dom0 was ready, and per mode the
median `xl create` time and median run time (create returned -> domain
shut down) of the guests; writes them to build/bench/boot.json too.
TCG makes these noisy: read medians, and compare runs made side by side.
"""
import os
import statistics
import sys

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
sys.path.insert(0, os.path.join(TOP, 'sdk', 'lib'))
from petrel.jobs import MODES, Job  # noqa: E402
from petrel.session import Session  # noqa: E402
import benchlib  # noqa: E402

OUT_MD = os.path.join(TOP, 'build', 'bench', 'boot.md')


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    image = os.path.join(TOP, 'build/apps/hello/hello')
    jobs = [Job(name='hello-%s-%02d' % (mode, i), image=image, mode=mode,
                mem_mb=16)
            for mode in MODES for i in range(runs)]
    res = Session().run(jobs)
    os.makedirs(os.path.dirname(OUT_MD), exist_ok=True)
    if not res.completed:
        print('boot-times: testbed failed: %s' % res.error)
        benchlib.save_json(OUT_MD, {}, ['testbed: %s' % res.error])
        return 1
    print('testbed dom0 ready:      %6.2f s' % res.dom0_ready_s)
    results = {'dom0_ready_s': res.dom0_ready_s, 'image': 'hello',
               'mem_mb': 16}
    table = ['| what (TCG-emulated) | median, s | runs, s |', '|---|---|---|',
             '| QEMU start to dom0 ready | %.2f | 1 |' % res.dom0_ready_s]
    for mode in MODES:
        done = [j for j in res.jobs.values()
                if j.result == 'exit' and j.name.startswith('hello-%s-' % mode)]
        if not done:
            print('%s: no guest exited cleanly' % mode.upper())
            continue
        create = [j.create_s for j in done]
        run = [j.run_s for j in done if j.run_s is not None]
        print('%-3s guest xl create, median: %6.2f s (%d runs: %s)' % (
            mode.upper(), statistics.median(create), len(create),
            ' '.join('%.2f' % c for c in create)))
        print('%-3s guest run, median:       %6.2f s' % (
            mode.upper(), statistics.median(run)))
        results[mode] = {'create_s': create, 'run_s': run}
        for what, values in (('xl create', create),
                             ('create returned to shut down', run)):
            table.append('| %s, %s | %.2f | %s |' % (
                what, mode.upper(), statistics.median(values),
                ' '.join('%.2f' % v for v in values)))
    with open(OUT_MD, 'w') as f:
        f.write('\n'.join(table) + '\n')
    benchlib.save_json(OUT_MD, results)
    return 0


if __name__ == '__main__':
    sys.exit(main())
