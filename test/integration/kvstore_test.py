"""The kvstore tests of the integration suite (suite.py adds them).

apps/kvstore on a raw disk (xvda): three boots in a row on one 64 MB disk
file, run in this order (their names sort so) and only together: each
starts from what the one before left, on the disk and in dom0's /tmp.

- kvstore-1-fill-destroy: 10,000 SETs from dom0, then `xl destroy` while a
  client is still writing; dom0 keeps the list of acknowledged keys.
- kvstore-2-replay: every acknowledged key is back with its value; one
  more SET, a clean SHUTDOWN, then dom0 flips a byte of that last record
  on the raw disk (test/integration/kvlog.py).
- kvstore-3-corrupt-tail: the guest reports that record (offset, bad CRC)
  and skips it; every key before it is intact, and new SETs work.

The clients are test/integration/kvclient.py, run in dom0.
"""
import os
import re

import blk_tests

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
DISK = os.path.join(TOP, 'build', 'integration-disks', 'kvstore.img')
REPLAY = r'^kvstore: log /dev/xvda: \d+ records replayed, (\d+) keys, '


def make_disk():
    """Test.build hook of the first test: a fresh disk of zeros."""
    os.makedirs(os.path.dirname(DISK), exist_ok=True)
    with open(DISK, 'wb') as f:
        f.truncate(64 << 20)
    return None


def files():
    return {name: os.path.join(TOP, 'test/integration', name)
            for name in ('kvclient.py', 'kvlog.py')}


def number(lines, rx):
    for line in lines:
        m = re.search(rx, line)
        if m:
            return int(m.group(1))
    return None


def replayed_at_least(count):
    """Check: the boot's replay line names at least count keys."""
    def check(job):
        keys = number(job.console, REPLAY)
        if keys is None or keys < count:
            return 'replay found %r keys, expected at least %d' % (keys,
                                                                   count)
        return None
    return check


def reported_damage(job):
    """Check: the guest's report names the offset dom0 damaged."""
    damaged = number(job.dom0, r'^kvstore-corrupt-tail: dom0 corrupted: '
                     r'offset (\d+) key last$')
    reported = number(job.console, r'^kvstore: log /dev/xvda: bad record at '
                      r'offset (\d+): bad CRC; skipping the rest of the log')
    if damaged is None or reported != damaged:
        return 'dom0 damaged the record at offset %r, the guest reported ' \
            '%r' % (damaged, reported)
    return None


def disk_matches_guest(job):
    """Check: the log dom0 read on the raw disk ends where the guest
    said its log ends, at its clean shutdown."""
    guest = number(job.console, r'^kvstore: shut down with \d+ keys, log '
                   r'ends at offset (\d+)$')
    disk = number(job.dom0, r'^log: \d+ records, ends at offset (\d+), ')
    if guest is None or guest != disk:
        return 'the guest says its log ends at offset %r, the disk\'s ' \
            'ends at %r' % (guest, disk)
    return None


def log_end_on_4k(job):
    """Check: three padded commits leave the log's end on a 4 KiB
    boundary (with 512-byte padding it would not be)."""
    end = number(job.console, r'^kvstore: shut down with \d+ keys, log '
                 r'ends at offset (\d+)$')
    if not end or end % 4096:
        return 'the log ends at offset %r, not a multiple of 4096' % end
    return None


def tests(test_class):
    class DiskTest(test_class):
        def __init__(self, *args, build=None, **kw):
            super().__init__(*args, app='apps/kvstore', mem=64, net=True,
                             files=files, **kw)
            if build:
                self.build = build

        def job(self):
            job = super().job()
            job.disks = [(DISK, False)]
            return job

    return [
        DiskTest('kvstore-1-fill-destroy', 'kvstore on an empty raw disk '
                 'takes 10,000 SETs from dom0 (pipelined), then `xl destroy` '
                 'stops it while a client is still writing; dom0 keeps the '
                 'list of acknowledged keys', args=['-x'], result='noexit',
                 timeout=900, dom0='kvstore-fill-destroy.sh',
                 build=make_disk,
                 expect=[r'^kvstore: log /dev/xvda: 0 records replayed, 0 '
                         r'keys, next record at offset 0$',
                         r'^kvstore: listening on port 6379$'],
                 dom0_expect=[r'^ok: fill: 10000 keys acknowledged$',
                              r'^kvstore-fill-destroy: destroyed with \d+ '
                              r'keys acknowledged$']),
        DiskTest('kvstore-2-replay', 'booted again on the same disk, kvstore '
                 'replays its log and has every key acknowledged before the '
                 'destroy, with its value; then one more SET and a clean '
                 'SHUTDOWN', args=['-x'], timeout=600,
                 dom0='kvstore-replay.sh',
                 expect=[r'^kvstore: shut down with \d+ keys, log ends at '
                         r'offset '],
                 dom0_expect=[r'^ok: check: all \d+ acknowledged keys '
                              r'present$', r'^ok: set last$',
                              r'^ok: shutdown$',
                              r'^corrupted: offset \d+ key last$'],
                 check=replayed_at_least(10000)),
        DiskTest('kvstore-3-corrupt-tail', 'a byte of the last record '
                 'flipped on the disk from dom0: the next boot reports that '
                 'record (its offset, bad CRC) on the console and skips it; '
                 'every key before it is intact and new SETs work',
                 args=['-x'], timeout=600, dom0='kvstore-corrupt-tail.sh',
                 dom0_expect=[r'^ok: check: all \d+ acknowledged keys '
                              r'present$', r'^ok: absent: last$',
                              r'^ok: fill: 10 keys acknowledged$',
                              r'^ok: shutdown$'],
                 check=reported_damage),
        test_class('kvstore-save', 'kvstore is saved and restored while a '
                   'client SETs 20,000 keys over one connection: that '
                   'connection gets every reply, every acknowledged key is '
                   'there afterwards, and after a clean shutdown the log on '
                   'the raw disk holds them all and ends where the guest '
                   'says', 'apps/kvstore', args=['-x'], mem=32, net=True,
                   files=files, timeout=600, dom0='kvstore-save.sh',
                   disks=blk_tests.disks(blk_tests.disk(
                       'kvstore-save.img', 16 * blk_tests.MB)),
                   expect=[r'^petrel: resumed in a new domain$'],
                   dom0_expect=[r'^ok: save and restore$',
                                r'^ok: fill: 20000 keys acknowledged$',
                                r'^ok: check: all 20000 acknowledged keys '
                                r'present$', r'^ok: shutdown$',
                                r'^log: \d+ records, ends at offset \d+, '
                                r'\d+ keys, all 20000 acknowledged keys'],
                   check=disk_matches_guest),
        test_class('kvstore-4k-align', 'without -a, kvstore pads each '
                   'commit to the disk\'s sector size (fstat\'s st_blksize '
                   'on /dev/xvda): 4096 on a disk of 4 KiB sectors',
                   'apps/kvstore', args=['-x'], mem=64, net=True,
                   files=files, timeout=300, dom0='kvstore-4k.sh',
                   disks=blk_tests.disks(blk_tests.disk(
                       'kvstore-4k.img', 16 * blk_tests.MB, sector=4096)),
                   expect=[r'^kvstore: log /dev/xvda: commits padded to '
                           r'4096 bytes$'],
                   dom0_expect=[r'^ok: shutdown$'], check=log_end_on_4k),
    ]
