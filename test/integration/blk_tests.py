"""suite.py's disk tests: blkfront and raw /dev/xvdX files, end to end.

Each test's disks are host files made afresh in build/blk-disks and
attached with `disks=` (petrel run --disk): the guest's writes must land
in them. After the testbed session the host checks each file itself: its
sha256 equals what the guest read back (the guest checked that against
the pattern it wrote), and a read-only disk's file is unchanged.
"""
import hashlib
import os
import random
import re

from jobchecks import both

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
DISK_DIR = os.path.join(TOP, 'build', 'blk-disks')
DOM0_DIR = os.path.join(TOP, 'test', 'integration', 'dom0')
MB = 1 << 20

# What the testbed's blkback (Linux 6.1) offers, as blkfront prints it.
FEATURES = r'flush, persistent, indirect 32, ring 4 pages'
FEATURES_NO_PERSISTENT = r'flush, indirect 32, ring 4 pages'


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, 'rb') as f:
        for chunk in iter(lambda: f.read(MB), b''):
            h.update(chunk)
    return h.hexdigest()


# The sha256 a read-only disk's file had when it was made, by path.
_made = {}


def disk(name, size, ro=False, seed=None, sector=512):
    """A function making a disk file: zeros, or random bytes from seed;
    the testbed's drive has the given sector size."""
    def make():
        os.makedirs(DISK_DIR, exist_ok=True)
        path = os.path.join(DISK_DIR, name)
        with open(path, 'wb') as f:
            if seed is None:
                f.truncate(size)
            else:
                f.write(random.Random(seed).randbytes(size))
        _made[path] = sha256_file(path)
        return path, ro, sector
    return make


def disks(*makers):
    return lambda: [make() for make in makers]


def host_matches_guest(*names):
    """Check: for each disk (xvda, ...), the guest's sha256 of what it
    read equals the host file's, after the session; read-only files are
    as they were made."""
    def check(job):
        for i, name in enumerate(names):
            dev = '/dev/xvd' + chr(ord('a') + i)
            path = os.path.join(DISK_DIR, name)
            rx = re.compile(r'^blk: %s sha256 ([0-9a-f]{64}) of (\d+) '
                            r'bytes$' % re.escape(dev))
            said = [m.group(1) for m in map(rx.match, job.console) if m]
            if not said:
                return 'the guest printed no sha256 of %s' % dev
            host = sha256_file(path)
            if said[0] != host:
                return ('%s: the guest read sha256 %s, the host file %s '
                        'has %s' % (dev, said[0], path, host))
        return None
    return check


def unchanged(name):
    def check(job):
        path = os.path.join(DISK_DIR, name)
        if sha256_file(path) != _made.get(path):
            return 'the read-only disk file %s changed' % path
        return None
    return check


def no_line(rx):
    def check(job):
        bad = [x for x in job.console if re.search(rx, x)]
        return 'unexpected console line %r' % bad[0] if bad else None
    return check


def written_within(name, region):
    """Check: the disk file has data in [0, region) and zeros after."""
    def check(job):
        with open(os.path.join(DISK_DIR, name), 'rb') as f:
            inside, past = f.read(region), f.read()
        if inside.count(0) > len(inside) // 2:
            return 'the region of %s is mostly zeros' % name
        if past.strip(b'\0'):
            return '%s has data past the %d-byte region' % (name, region)
        return None
    return check


def persistent_off_files():
    return {'dom0-pre.sh': os.path.join(DOM0_DIR, 'blk-persistent-off.sh')}


def tests(Test):
    blk = dict(app='apps/tests/blk', mem=32, timeout=600)
    return [
        Test('blk-pattern', 'a 64 MB disk written whole through /dev/xvda '
             'in unaligned pieces (read-modify-write at every boundary), '
             'fsynced, read back and verified; the host file\'s sha256 '
             'equals the guest\'s; blkfront negotiated flush, persistent '
             'grants, indirect segments and a 4-page ring',
             args=['pattern', '/dev/xvda'],
             disks=disks(disk('pattern.img', 64 * MB)),
             expect=[r'blkfront: xvda 131072 sectors of 512 B, rw, ' +
                     FEATURES + '$',
                     r'^blk: /dev/xvda is a block device of 67108864 bytes$',
                     r'^blk: /dev/xvda verified 67108864 bytes$',
                     r'^blk: done, 0 failure'],
             check=host_matches_guest('pattern.img'), **blk),
        Test('blk-readonly', 'a read-only disk (--disk FILE:ro): write and '
             'pwrite fail with EROFS, the guest goes on, reads see the '
             'file\'s bytes, and the file is unchanged',
             args=['readonly', '/dev/xvda'],
             disks=disks(disk('readonly.img', 4 * MB, ro=True, seed=9)),
             expect=[r'blkfront: xvda 8192 sectors of 512 B, ro, ',
                     r'^blk: /dev/xvda write: Read-only file system$',
                     r'^blk: done, 0 failure'],
             check=both(host_matches_guest('readonly.img'),
                        unchanged('readonly.img')), **blk),
        Test('blk-no-persistent', 'with blkback\'s feature_persistent off '
             '(set in dom0 before the guest is created) blkfront falls back '
             'to a grant per request, and the 64 MB pattern test passes',
             args=['pattern', '/dev/xvda'],
             disks=disks(disk('nopersist.img', 64 * MB)),
             files=persistent_off_files, dom0='blk-persistent-on.sh',
             expect=[r'blkfront: xvda 131072 sectors of 512 B, rw, ' +
                     FEATURES_NO_PERSISTENT + '$',
                     r'^blk: /dev/xvda verified 67108864 bytes$',
                     r'^blk: done, 0 failure'],
             check=both(no_line(r'persistent'),
                        host_matches_guest('nopersist.img')), **blk),
        Test('blk-fallback', 'a backend that offers neither a multi-page '
             'ring nor indirect segments (dom0 withdraws both keys before '
             'the guest connects): one ring page and requests of at most '
             '11 segments, and the pattern test passes; at exit the disk '
             'is closed in step with blkback',
             args=['--wait', 'data/blk-go', 'pattern', '/dev/xvda'],
             disks=disks(disk('fallback.img', 16 * MB)),
             dom0='blk-fallback.sh',
             dom0_expect=[r'^blk-fallback: ring order and indirect '
                          r'segments withdrawn$',
                          r'^blk-fallback: frontend closed, backend \d$'],
             expect=[r'blkfront: xvda 32768 sectors of 512 B, rw, flush, '
                     r'persistent, ring 1 page$',
                     r'^blk: /dev/xvda verified 16777216 bytes$',
                     r'^blk: done, 0 failure'],
             check=host_matches_guest('fallback.img'), **blk),
        Test('blk-hotplug', 'xl block-detach takes the disk away while '
             'the guest reads it through an open file: reads fail with EIO '
             '(in-flight ones too), the disk closes in step with blkback; xl '
             'block-attach of the same file under the same name brings the '
             'same data back, twice over, and a new pattern written '
             'afterwards lands in the host file',
             args=['hotplug', '/dev/xvda'],
             disks=disks(disk('hotplug.img', 4 * MB)),
             dom0='blk-hotplug.sh',
             dom0_expect=[r'^ok: detach 1 ', r'^ok: attach 1 ',
                          r'^ok: detach 2 ', r'^ok: attach 2 '],
             expect=[r'^blk: /dev/xvda is gone: reads fail with EIO '
                     r'\(round 1\)$',
                     r'^blk: /dev/xvda is back, its data intact \(round 1\)$',
                     r'^blk: /dev/xvda is gone: reads fail with EIO '
                     r'\(round 2\)$',
                     r'^blk: /dev/xvda is back, its data intact \(round 2\)$',
                     r'^petrel: blkfront: xvda: unplugged; ',
                     r'^petrel: blkfront: xvda: plugged back in$',
                     r'^blk: /dev/xvda verified 4194304 bytes$',
                     r'^blk: done, 0 failure'],
             check=host_matches_guest('hotplug.img'), **blk),
        Test('blk-4k', 'a disk of 4096-byte sectors: blkfront sees the '
             'sector size, and unaligned writes read-modify-write whole '
             '4 KiB sectors; the pattern test passes',
             args=['pattern', '/dev/xvda'],
             disks=disks(disk('4k.img', 16 * MB, sector=4096)),
             expect=[r'blkfront: xvda 4096 sectors of 4096 B, rw, ',
                     r'^blk: /dev/xvda verified 16777216 bytes$',
                     r'^blk: done, 0 failure'],
             check=host_matches_guest('4k.img'), **blk),
        Test('blk-two-disks', 'two disks at once (xvda, xvdb): each gets '
             'its own pattern, and each host file has what its guest '
             'disk read back',
             args=['pattern', '/dev/xvda', '/dev/xvdb'],
             disks=disks(disk('two-a.img', 16 * MB),
                         disk('two-b.img', 8 * MB)),
             expect=[r'blkfront: xvda 32768 sectors of 512 B, rw',
                     r'blkfront: xvdb 16384 sectors of 512 B, rw',
                     r'^blk: /dev/xvdb verified 8388608 bytes$',
                     r'^blk: done, 0 failure'],
             check=host_matches_guest('two-a.img', 'two-b.img'), **blk),
        Test('blkbench', 'apps/blkbench (make bench\'s disk benchmark) at '
             'a tiny size: 2 runs of sequential and random I/O over a 4 MiB '
             'region verify every byte they read back, and the host file '
             'holds the writes inside the region and nothing past it',
             app='apps/blkbench', mem=32, timeout=300,
             args=['-s', '4', '-n', '64', '-r', '2', '/dev/xvda'],
             disks=disks(disk('blkbench.img', 5 * MB)),
             expect=[r'^blkbench: run 2 seqwrite_MBps [\d.]+ seqread_MBps '
                     r'[\d.]+ randread_IOPS [\d.]+ randwrite_IOPS [\d.]+$',
                     # 2 x (4 MiB + 64 random reads + 64 written blocks)
                     r'^blkbench: verified 9437184 bytes$',
                     r'^blkbench: done, 0 failures$'],
             check=written_within('blkbench.img', 4 * MB)),
    ]
