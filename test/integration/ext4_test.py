"""The ext4 disk tests of the integration suite (suite.py adds them).

ext4-tree: apps/tests/ext4 on a 64 MB disk made here with
`mke2fs -t ext4 -d` (ext4_disk.py), attached as xvda and mounted at /data
through PETREL_MOUNT. The guest must print exactly the expected lines
(the tree as made, every op done, the tree after them, read back); then,
with the domain gone, the disk file itself must pass `e2fsck -fn`, say
"clean", and hold exactly the expected tree (debugfs rdump), so a write
that never reached the disk fails the test.
"""
import difflib
import os

import ext4_disk

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
IMAGE = os.path.join(TOP, 'build', 'integration-disks', 'ext4-tree.img')
NO_EXT2_IMAGE = os.path.join(TOP, 'build', 'integration-disks',
                             'ext4-no-ext2.img')


_problem = []


def make_disks():
    """The test's disks= function: a fresh disk for every run."""
    os.makedirs(os.path.dirname(IMAGE), exist_ok=True)
    try:
        ext4_disk.make(IMAGE)
    except Exception as e:  # mke2fs missing or failing
        _problem.append('making %s: %s' % (IMAGE, e))
        return []
    return [(IMAGE, False)]


def make_no_ext2_disk():
    """An ext4 disk for an image built without ext2 support."""
    os.makedirs(os.path.dirname(NO_EXT2_IMAGE), exist_ok=True)
    try:
        ext4_disk.make(NO_EXT2_IMAGE)
    except Exception as e:
        _problem.append('making %s: %s' % (NO_EXT2_IMAGE, e))
        return []
    return [(NO_EXT2_IMAGE, True)]


def check_stopped(job):
    if _problem:
        return _problem[0]
    if any(x.startswith('files: ') for x in job.console):
        return 'the program went on without its mount'
    return None


def check_tree(job):
    if _problem:
        return _problem[0]
    got = [l for l in job.console if l.startswith('ext4: ')]
    want = ext4_disk.expected_lines()
    if got != want:
        diff = difflib.unified_diff(want, got, 'expected', 'guest',
                                    lineterm='', n=1)
        return 'guest output differs:\n' + '\n'.join(list(diff)[:40])
    why = ext4_disk.check(IMAGE)
    return 'the disk after shutdown: ' + why if why else None


def tests(test_class):
    return [
        test_class('ext4-tree', 'an ext4 disk made by mke2fs -d: the guest '
                   'reads the tree, writes, renames and deletes; the disk '
                   'after shutdown holds exactly the expected tree and is '
                   'clean', 'apps/tests/ext4', args=['/data'], mem=32,
                   timeout=600, env=['PETREL_MOUNT=xvda:/data'],
                   disks=make_disks, check=check_tree),
        test_class('ext4-not-linked', 'an image built without ext2 support '
                   '(apps/tests/files: no --with-ext2) told to mount an '
                   'ext4 disk stops at its first file call, naming the '
                   'disk and the build flag, exit status 1',
                   'apps/tests/files', mem=32, status=1,
                   env=['PETREL_MOUNT=xvda:/data'], disks=make_no_ext2_disk,
                   expect=[r'^petrel: cannot mount xvda at /data: xvda holds '
                           r'an ext2/3/4 filesystem, but this image was '
                           r'built without ext2 support \(build it with '
                           r'petrel-cc --with-ext2, or link '
                           r'-lpetrel-ext2\)$'],
                   check=check_stopped),
    ]
