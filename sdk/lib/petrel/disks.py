"""Disks: `petrel run --disk FILE[:ro]` and what a job's disks become.

A job's disks are (path, ro) pairs, attached in order as xvda, xvdb, ...
(tests may add a third item, the sector size the testbed's drive has:
512 or 4096).
The guest's writes must land in FILE on the host. In a real dom0 the xl
config names FILE itself. In the testbed, QEMU gives dom0 one virtio
drive per distinct host file of a session (found again by its serial),
dom0's agent links /dev/petrel-disk/SERIAL to that drive's /dev/vdX, and
the xl config names the link as a phy disk. Jobs of one session that
name the same file share its drive (a test may boot twice on one disk).
"""
import os
import stat

# Per job: xvda..xvdh. The testbed's QEMU machine has about 30 free PCI
# slots, one per distinct file of a session.
MAX_DISKS = 8
MAX_DRIVES = 24
SECTOR = 512
# Where the agent links each drive (images/testbed/agent).
TESTBED_LINK_DIR = '/dev/petrel-disk'
# The drive list boot.sh reads in the jobs folder:
# "SERIAL rw|ro SECTOR_SIZE PATH".
DRIVES_FILE = 'drives'


def parse_disk(arg):
    """--disk's value: (path, ro). FILE, FILE:ro or FILE:rw."""
    path, sep, mode = arg.rpartition(':')
    if sep and mode in ('ro', 'rw'):
        return path, mode == 'ro'
    if sep and not os.path.exists(arg):
        raise ValueError("--disk %s: unknown suffix ':%s' (FILE, FILE:ro "
                         'or FILE:rw)' % (arg, mode))
    return arg, False


def check_disks(disks):
    """Raise ValueError naming what is wrong with a job's disks."""
    if len(disks) > MAX_DISKS:
        raise ValueError('--disk may be given at most %d times (xvda..%s), '
                         'not %d' % (MAX_DISKS, vdev(MAX_DISKS - 1),
                                     len(disks)))
    for d in disks:
        path, ro = d[:2]
        if len(d) > 2 and d[2] not in (512, 4096):
            raise ValueError('--disk %s: sector size %r is not 512 or 4096'
                             % (path, d[2]))
        if not path or '\n' in path:
            raise ValueError('--disk: bad file name %r' % path)
        try:
            st = os.stat(path)
        except OSError as e:
            raise ValueError('--disk %s: %s' % (path, e.strerror))
        if stat.S_ISDIR(st.st_mode):
            raise ValueError('--disk %s: is a directory, not a disk image '
                             'file' % path)
        if not stat.S_ISREG(st.st_mode):
            raise ValueError('--disk %s: not a regular file' % path)
        if st.st_size == 0 or st.st_size % SECTOR:
            raise ValueError('--disk %s: size %d is not a positive multiple '
                             'of %d bytes (try truncate -s 64M FILE)'
                             % (path, st.st_size, SECTOR))
        if not os.access(path, os.R_OK if ro else os.R_OK | os.W_OK):
            raise ValueError('--disk %s: not %s' % (
                path, 'readable' if ro else 'readable and writable '
                '(add :ro for a read-only disk)'))


def vdev(index):
    return 'xvd' + chr(ord('a') + index)


def disk_attachments(disks, targets=None):
    """(vdev, ro, target, is_drive) per disk of a job; targets maps a
    file's real path to what dom0 sees (the testbed's drive link, a block
    device: is_drive), else the target is the file itself."""
    out = []
    for i, d in enumerate(disks):
        path, ro = d[:2]
        real = os.path.realpath(path)
        target = targets[real] if targets else real
        out.append((vdev(i), ro, target, bool(targets)))
    return out


def xl_disk_specs(disks, targets=None):
    """The xl disk specs of a job (see disk_attachments)."""
    specs = []
    for dev, ro, target, is_drive in disk_attachments(disks, targets):
        spec = 'format=raw,vdev=%s,access=%s' % (dev, 'ro' if ro else 'rw')
        if is_drive:
            spec += ',backendtype=phy'
        specs.append(spec + ',target=' + target)
    return specs


def testbed_drives(jobs):
    """One drive per distinct file of the jobs: [(serial, rw, sector size,
    path)], and
    the map from a file's real path to its link in dom0. A drive is
    writable when any job attaches its file read-write (blkback then
    enforces each job's own access mode)."""
    drives, targets = [], {}
    for job in jobs:
        for d in job.disks:
            path, ro = d[:2]
            size = d[2] if len(d) > 2 else SECTOR
            real = os.path.realpath(path)
            if real not in targets:
                serial = 'petrel-d%d' % len(drives)
                targets[real] = '%s/%s' % (TESTBED_LINK_DIR, serial)
                drives.append([serial, False, size, real])
            drive = drives[list(targets).index(real)]
            if drive[2] != size:
                raise ValueError('disk %s is used with sector sizes %d and '
                                 '%d' % (path, drive[2], size))
            if not ro:
                drive[1] = True
    if len(drives) > MAX_DRIVES:
        raise ValueError('at most %d distinct disk files in one testbed '
                         'boot, not %d' % (MAX_DRIVES, len(drives)))
    return [tuple(d) for d in drives], targets


def write_drives(jobs_dir, drives):
    with open(os.path.join(jobs_dir, DRIVES_FILE), 'w') as f:
        for serial, rw, size, path in drives:
            f.write('%s %s %d %s\n' % (serial, 'rw' if rw else 'ro', size,
                                        path))


def attach_testbed_drives(jobs_dir, jobs):
    """Give the jobs' disk files to the testbed as QEMU drives (the
    drives file in jobs_dir) and tell each job where dom0 finds them."""
    drives, targets = testbed_drives(jobs)
    write_drives(jobs_dir, drives)
    for job in jobs:
        job.disk_targets = targets
