#!/usr/bin/env python3
"""Write build/bench/report.md and its plots from the benchmarks' results.

Reads the JSON files the benchmarks of `make bench` write in build/bench
(sizes, min-memory, boot, first-response, net, blk, density), and writes
report.md: first the headline table (metric, Petrel, Linux domU, ratio,
goal, met?) with the goals of issue 12, then each benchmark's own table,
and PNG bar charts (gnuplot) of every network and block metric, Petrel
against Linux, and of their ratios. A figure a benchmark did not produce
reads "not measured". Boots nothing.

    python3 bench/report.py [OUT.md]    (make bench runs it last)
"""
import json
import os
import shutil
import subprocess
import sys

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

OUT = os.path.join(TOP, 'build', 'bench')
NOT_MEASURED = 'not measured'
TCG = ' (TCG-emulated)'

# Why a goal is missed, where known: metric label -> cause. The report
# prints it next to "missed"; a goal met does not show it.
CAUSES = {
    'image size, hello': '107 KB of code, ~45 KB of it newlib\'s printf '
                         'family with floating point (vfprintf, vfiprintf, '
                         'dtoa, ldtoa); hello without libc was 29-37 KB',
    'image size, httpd': '328 KB of code: newlib\'s printf family as in '
                         'hello, lwIP with IPv4 and IPv6, the drivers',
}

# The benchmarks' sections: JSON/table name, heading, what it is, how.
SECTIONS = (
    ('sizes', 'Image size', 'bench/sizes.py',
     'Petrel: the stripped ELF `petrel run` boots. Linux: the testbed\'s '
     'kernel (a compressed bzImage) plus the gzipped busybox initramfs with '
     'the native apps that the network and block benchmarks boot.'),
    ('min-memory', 'Minimum memory', 'bench/min_memory.py',
     'The smallest `memory=` (MB) found by trying a ladder of sizes in one '
     'testbed boot: hello must print its greeting and exit 0, httpd must '
     'answer one GET / from dom0. xl refuses PV guests below 4 MB (its '
     'builder pads the initial mapping), so PV starts there.'),
    ('boot', 'Boot', 'bench/boot_times.py',
     'apps/hello at 16 MB, 5 boots as PV and 5 as PVH in one testbed boot: '
     'the median `xl create` time and run time (create returned to domain '
     'shut down), and the time QEMU took to bring dom0 up.'),
    ('first-response', 'Create to first HTTP response',
     'bench/first_response.py',
     'apps/httpd as a Petrel image (PV and PVH, 64 MB) and built natively '
     'in the Linux PV domU (128 MB). dom0 creates a fresh guest 5 times '
     'and times from the start of `xl create` to the first GET / that '
     'answers 200; curl polls, so a figure includes up to one poll.'),
    ('net', 'Network', 'bench/net.py',
     'apps/httpd and apps/echo as Petrel images (64 MB) and the same '
     'sources built natively in the Linux PV domU (128 MB), in one testbed '
     'boot; dom0 drives both with the same scripts (bench/dom0/): wrk with '
     'keep-alive on 1 KiB and 64 KiB files, bulk downloads with curl, a '
     'TCP echo of 16 MiB. Ratios: Petrel over Linux (higher is better for '
     'req/s and MB/s, lower for latency). Petrel\'s netfront negotiates '
     'scatter-gather, checksum offload and TSO (IPv4 and IPv6) with the '
     'testbed\'s netback, as Linux\'s xen-netfront does; under TCG both '
     'guests are CPU-bound, so what a guest spends per packet decides '
     'these figures.'),
    ('blk', 'Block', 'bench/blk.py',
     'apps/blkbench as a Petrel image and built natively in the Linux PV '
     'domU, where it opens the disk with O_DIRECT so that Linux\'s page '
     'cache does not flatter it (Petrel has no cache on raw disks). Each '
     'guest gets its own fresh 65 MiB disk file attached the same way (a '
     'testbed drive given to the guest by dom0 as a phy disk, xvda). Over '
     'a 64 MiB region, one request at a time: sequential write (1 MiB '
     'requests, the closing fsync counted) and read, then 1000 random '
     '4 KiB reads and writes; only the I/O calls are timed, and every '
     'byte read is checked, so a wrong result cannot pass as a fast one. '
     'Both guests negotiate flush, persistent grants, indirect segments '
     'and a multi-page ring with the testbed\'s blkback. The backing is a '
     'host file under QEMU (virtio, cache=writeback) under blkback, so '
     'these figures measure each guest\'s I/O path under TCG, not a disk.'),
    ('density', 'Density', 'bench/density.py',
     'apps/httpd appliances at the smallest memory httpd worked in '
     '(min-memory), created from dom0 one after another while the memory '
     'Xen handed out for them (their memory plus Xen\'s overhead per '
     'domain, from `xl info` free_memory) stays within 512 MB; then dom0 '
     'fetches / from each once. The testbed gives Xen 2 GB and dom0 1 GB, '
     'so about 1 GB is free for guests and 512 MB fits.'),
)


def load(name):
    """The results of build/bench/NAME.json, with 'problems' and
    'measured' alongside; None when the benchmark did not run."""
    try:
        with open(os.path.join(OUT, name + '.json')) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def results(data, *keys):
    """data['results'][k1][k2]..., or None where any is missing."""
    cur = data.get('results') if data else None
    for k in keys:
        if not isinstance(cur, dict) or cur.get(k) is None:
            return None
        cur = cur[k]
    return cur


def kb(n):
    return '%.1f KB' % (n / 1024)


def num(x, unit=''):
    return '%.4g%s' % (x, unit)


class Row:
    """One line of the headline table. petrel, linux: figures or None;
    goal: (text, test(petrel, linux, ratio) -> bool) or None."""

    def __init__(self, metric, petrel, linux, fmt, goal=None, ratio=True,
                 cause=None):
        self.metric, self.petrel, self.linux = metric, petrel, linux
        self.cause = cause or CAUSES.get(metric)
        self.fmt, self.goal = fmt, goal
        self.ratio = (petrel / linux if ratio and petrel is not None
                      and linux else None)

    def met(self):
        if self.goal is None:
            return '-'
        if self.petrel is None:
            return NOT_MEASURED
        try:
            ok = self.goal[1](self.petrel, self.linux, self.ratio)
        except TypeError:  # a goal relative to Linux, without Linux
            return NOT_MEASURED
        if ok:
            return 'met'
        return 'missed' + (': ' + self.cause if self.cause else '')

    def line(self):
        def text(x):
            return NOT_MEASURED if x is None else self.fmt(x)
        return '| %s | %s | %s | %s | %s | %s |' % (
            self.metric, text(self.petrel), text(self.linux),
            '-' if self.ratio is None else '%.2f' % self.ratio,
            self.goal[0] if self.goal else '-', self.met())


def at_most(limit):
    return lambda p, lx, r: p <= limit


def ratio_at_least(x):
    return lambda p, lx, r: r >= x


def ratio_at_most(x):
    return lambda p, lx, r: r <= x


def size_rows(sizes):
    linux = results(sizes, 'linux')
    lx = linux['kernel'] + linux['initramfs'] if linux else None
    goals = {'hello': ('<= 64 KB', at_most(64 << 10)),
             'httpd': ('<= 256 KB', at_most(256 << 10))}
    return [Row('image size, %s' % app, results(sizes, 'petrel', app), lx,
                kb, goals.get(app)) for app in ('hello', 'httpd', 'kvstore')]


def memory_rows(mem):
    goals = {('httpd', 'pv'): ('<= 4 MB (the PV floor)', at_most(4)),
             ('httpd', 'pvh'): ('<= 2 MB', at_most(2))}
    return [Row('minimum memory, %s, %s' % (app, mode.upper()),
                results(mem, 'smallest_mb', app, mode), None,
                lambda x: '%d MB' % x, goals.get((app, mode)))
            for app in ('hello', 'httpd') for mode in ('pv', 'pvh')]


def boot_rows(boot, fr):
    def med(data, name, key):
        if key == 'after_create_s' and results(data, name, key) is None:
            # Results written before first_response.py kept it.
            return benchlib.median([r - c for c, r in zip(
                results(data, name, 'create_s') or [],
                results(data, name, 'response_s') or [])])
        return benchlib.median(results(data, name, key))
    # Not yet: the kernel logs no TSC stamps of its own start.
    rows = [Row('guest time, first instruction -> main()', None, None, num)]
    rows += [Row('xl create, hello 16 MB, %s, s%s' % (m.upper(), TCG),
                med(boot, m, 'create_s'), None, num)
            for m in ('pv', 'pvh')]
    linux_create = med(fr, 'linux-pv', 'create_s')
    linux_resp = med(fr, 'linux-pv', 'response_s')
    for name in ('petrel-pv', 'petrel-pvh'):
        mode = name.split('-')[1].upper()
        rows.append(Row('xl create, httpd 64 MB, %s, s%s' % (mode, TCG),
                        med(fr, name, 'create_s'), linux_create, num))
        rows.append(Row('create -> first HTTP response, %s, s%s'
                        % (mode, TCG), med(fr, name, 'response_s'),
                        linux_resp, num, ('<= 0.1x Linux',
                                          ratio_at_most(0.1))))
        rows.append(Row('create returned -> first HTTP response (the '
                        'guest\'s part), %s, s%s' % (mode, TCG),
                        med(fr, name, 'after_create_s'),
                        med(fr, 'linux-pv', 'after_create_s'), num))
    return rows


def side_by_side_rows(data, keys, goal):
    rows = []
    for key, label in keys.items():
        m = results(data, key)
        if m is None:
            rows.append(Row(label, None, None, num, goal))
            continue
        rows.append(Row(m['label'] + TCG,
                        benchlib.median(m['petrel']),
                        benchlib.median(m['linux']), num, goal))
    return rows


def density_rows(dens):
    budget = results(dens, 'budget_mb') or 512
    answered = results(dens, 'answered')
    label = 'httpd appliances answering, within %d MB' % budget
    if answered is not None:
        label += ' (%s, %d MB each)' % (results(dens, 'mode').upper(),
                                       results(dens, 'mem_mb'))
    stop = results(dens, 'stop') or ''
    # What ended the run before the budget did, if anything.
    cause = 'creating the next one stopped it: ' + stop if 'failed' in \
        stop else None
    return [Row(label, answered, None, lambda x: '%d' % x,
                ('>= 100', lambda p, lx, r: p >= 100), cause=cause)]


# The headline's network and block rows, with a label for when the
# benchmark did not run (its results carry their own).
NET_KEYS = {'http_1k_rps': 'HTTP 1 KiB, req/s',
            'http_64k_rps': 'HTTP 64 KiB, req/s'}
BLK_KEYS = {'seqwrite_MBps': 'sequential write, MB/s',
            'seqread_MBps': 'sequential read, MB/s',
            'randread_IOPS': 'random read, IOPS (4 KiB)',
            'randwrite_IOPS': 'random write, IOPS (4 KiB)'}


def headline(data):
    rows = (size_rows(data['sizes']) + memory_rows(data['min-memory'])
            + boot_rows(data['boot'], data['first-response'])
            + side_by_side_rows(data['net'], NET_KEYS,
                                ('>= 1.5x Linux', ratio_at_least(1.5)))
            + side_by_side_rows(data['blk'], BLK_KEYS,
                                ('>= 1.0x Linux', ratio_at_least(1.0)))
            + density_rows(data['density']))
    return ['| metric | Petrel | Linux domU | ratio | goal | met? |',
            '|---|---|---|---|---|---|'] + [r.line() for r in rows]


def gnuplot(script):
    subprocess.run(['gnuplot'], input=script.encode(), check=True,
                   cwd=OUT)


def bar_chart(png, title, unit, metric):
    """Petrel's and Linux's median as two bars, range of the runs as error
    bars."""
    lines = []
    for i, who in enumerate(('petrel', 'linux')):
        runs = metric[who]
        if runs:
            lines.append('"%s" %g %g %g %d' % (
                'Petrel' if who == 'petrel' else 'Linux domU',
                benchlib.median(runs), min(runs), max(runs), i + 1))
    if not lines:
        return False
    gnuplot('''set terminal pngcairo size 520,360 font ",10"
set output "%s"
set title "%s\\nmedian; whiskers: range of the runs; TCG-emulated"
set ylabel "%s"
set yrange [0:*]
set xrange [-0.6:1.6]
set style fill solid 0.8 border -1
set boxwidth 0.6
unset key
set grid ytics
$d << EOD
%s
EOD
plot $d using 0:2:5:xtic(1) with boxes lc variable, \\
     $d using 0:2:3:4 with yerrorbars lc rgb "black" pt 0
''' % (png, title.replace('"', "'"), unit, '\n'.join(lines)))
    return True


def ratio_chart(png, metrics):
    """Petrel / Linux per metric (of the medians), with 1.0 marked."""
    lines = []
    for key, m in metrics:
        p, lx = benchlib.median(m['petrel']), benchlib.median(m['linux'])
        if p is not None and lx:
            lines.append('"%s" %g' % (key, p / lx))
    if not lines:
        return False
    gnuplot('''set terminal pngcairo size 760,420 font ",10"
set output "%s"
set title "Petrel / Linux domU, medians (higher is better, but latency)"
set yrange [0:*]
set style fill solid 0.8 border -1
set boxwidth 0.6
set xtics rotate by -35
unset key
set grid ytics
$d << EOD
%s
EOD
plot $d using 0:2:xtic(1) with boxes lc rgb "#3070b0", 1 lc rgb "red" lw 2
''' % (png, '\n'.join(lines)))
    return True


def plots(data):
    """Make the PNGs; returns markdown lines linking them."""
    if not shutil.which('gnuplot'):
        return ['Plots not made: gnuplot is not installed '
                '(images/bootstrap/host-deps.sh installs gnuplot-nox).']
    out, both = [], []
    for bench in ('net', 'blk'):
        for key, m in sorted((results(data[bench]) or {}).items()):
            both.append((key, m))
            png = '%s-%s.png' % (bench, key)
            if bar_chart(png, m['label'], m['unit'], m):
                out.append('![%s](%s)' % (m['label'], png))
    fr = data['first-response']
    for mode in ('pv', 'pvh'):
        m = {'petrel': results(fr, 'petrel-' + mode, 'response_s'),
             'linux': results(fr, 'linux-pv', 'response_s')}
        title = 'xl create -> first HTTP response, Petrel %s' % mode.upper()
        if m['petrel'] and bar_chart('first-response-%s.png' % mode, title,
                                     's', m):
            out.append('![%s](first-response-%s.png)' % (title, mode))
    if ratio_chart('ratios.png', both):
        out.insert(0, '![Petrel / Linux per metric](ratios.png)')
    return out


def section(name, heading, what, how, data):
    lines = ['## %s' % heading, '', '`%s`: %s' % (what, how), '']
    d = data[name]
    if d is None:
        return lines + ['%s (the benchmark did not run).' % NOT_MEASURED,
                        '']
    lines += ['Measured %s.' % d['measured'], '']
    try:
        with open(os.path.join(OUT, name + '.md')) as f:
            lines += [f.read().rstrip(), '']
    except OSError:
        pass
    if d['problems'] and 'Problems:' not in lines[-2]:
        lines += ['Problems:'] + ['- ' + p for p in d['problems'][:20]] + ['']
    return lines


def main():
    out = benchlib.output_path(__doc__, os.path.join(OUT, 'report.md'))
    os.makedirs(OUT, exist_ok=True)
    data = {name: load(name) for name, *_ in SECTIONS}
    lines = ['# Petrel benchmarks (`make bench`)', '',
             'Petrel against a Linux PV domU (the testbed\'s Debian kernel, a '
             'busybox initramfs, the same apps built natively) in the '
             'bundled testbed: Xen 4.17 and a Debian dom0 under QEMU/TCG. '
             'Figures are medians of several runs; ratios are Petrel over '
             'Linux, measured in the same testbed boot. Times are '
             'TCG-emulated: compare ratios, not absolute figures. Image '
             'sizes: Petrel\'s stripped ELF against the Linux domU\'s '
             'compressed kernel plus its gzipped initramfs.', '']
    lines += headline(data) + ['']
    lines += ['## Plots', ''] + plots(data) + ['']
    for name, heading, what, how in SECTIONS:
        lines += section(name, heading, what, how, data)
    with open(out, 'w') as f:
        f.write('\n'.join(lines))
    print('\n'.join(headline(data)))
    print('report: %s' % out)
    return 0


if __name__ == '__main__':
    sys.exit(main())
