"""The fsmeta tests of the integration suite (suite.py adds them):
apps/tests/fsmeta's umask, lstat, symlink, readlink, chmod, fchmod,
statvfs and fstatvfs in a guest, each "meta:" line compared with the
same program built with the host's gcc and run on Linux.

fsmeta-ext4: on a fresh ext4 disk mounted at /data (the native run: an
empty folder, umask 022); the disk must then pass `e2fsck -fn`, so a
symbolic link libext2fs wrote wrongly fails the test.
fsmeta-cpio, fsmeta-tar: the links of the files tests' ramdisk tree
(files_tree.py), read natively from the tree itself; chmod and symlink
are EROFS there, and statvfs says read-only.
"""
import os
import subprocess
import tempfile

import files_tree
from jobchecks import lines_differ

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
DISK = os.path.join(TOP, 'build', 'integration-disks', 'fsmeta.img')
NATIVE = os.path.join(TOP, 'build', 'native', 'fsmeta')

_problem = []


def make_disk():
    """The test's disks= function: an empty ext4 disk, made afresh."""
    os.makedirs(os.path.dirname(DISK), exist_ok=True)
    if os.path.exists(DISK):
        os.unlink(DISK)
    made = subprocess.run(['mke2fs', '-q', '-F', '-t', 'ext4', DISK, '64M'],
                          capture_output=True, text=True)
    if made.returncode != 0:
        _problem.append('mke2fs: ' + made.stderr.strip())
        return []
    return [(DISK, False)]


def native_lines(top, mode):
    """The "meta:" lines of the native build run on top, umask 022."""
    os.makedirs(os.path.dirname(NATIVE), exist_ok=True)
    built = subprocess.run(['gcc', '-O2', os.path.join(
        TOP, 'apps/tests/fsmeta/main.c'), '-o', NATIVE],
        capture_output=True, text=True)
    if built.returncode != 0:
        raise RuntimeError('native build: ' + built.stderr.strip()[-300:])
    out = subprocess.run([NATIVE, top, mode], capture_output=True,
                         text=True, timeout=60, umask=0o22).stdout
    return [x for x in out.splitlines() if x.startswith('meta: ')]


def same_as_native(job, top, mode):
    try:
        native = native_lines(top, mode)
    except Exception as e:
        return str(e)
    guest = [x for x in job.console if x.startswith('meta: ')]
    return lines_differ(native, guest)


def check_ext4(job):
    if _problem:
        return _problem[0]
    with tempfile.TemporaryDirectory() as tmp:
        why = same_as_native(job, tmp, 'rw')
    if why:
        return why
    fsck = subprocess.run(['e2fsck', '-fn', DISK], capture_output=True,
                          text=True)
    if fsck.returncode != 0:
        return 'e2fsck -fn exited %d: %s' % (
            fsck.returncode, (fsck.stdout + fsck.stderr)[-800:])
    return None


def check_ramdisk(job):
    # The native run's "meta-ro:" calls change the tree: a fresh one.
    return same_as_native(job, files_tree.make_tree(), 'ro')


RAMDISK_RO = [r'^meta-ro: chmod: EROFS$', r'^meta-ro: symlink: EROFS$',
              r'^meta-ro: statvfs rdonly 1$', r'^meta: done$']


def tests(test_class):
    return [
        test_class('fsmeta-ext4', 'umask (022 at start), chmod, fchmod, '
                   'symlink (fast and slow), readlink, lstat, statvfs on '
                   'an ext4 disk: the same as on Linux, and e2fsck -fn '
                   'clean after', 'apps/tests/fsmeta', args=['/data', 'rw'],
                   mem=32, timeout=300, env=['PETREL_MOUNT=xvda:/data'],
                   disks=make_disk, expect=[r'^meta: done$'],
                   check=check_ext4),
        test_class('fsmeta-cpio', 'lstat and readlink of a cpio ramdisk\'s '
                   'links as on Linux; chmod and symlink EROFS, statvfs '
                   'read-only', 'apps/tests/fsmeta', args=['/', 'ro'],
                   mem=32, ramdisk=files_tree.cpio_archive,
                   expect=RAMDISK_RO, check=check_ramdisk),
        test_class('fsmeta-tar', 'the same with a tar ramdisk',
                   'apps/tests/fsmeta', args=['/', 'ro'], mem=32,
                   ramdisk=files_tree.tar_archive, expect=RAMDISK_RO,
                   check=check_ramdisk),
    ]
