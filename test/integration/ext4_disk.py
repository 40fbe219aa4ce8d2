#!/usr/bin/env python3
"""The ext4 disk test's host side (apps/tests/ext4 is the guest side).

make(img) builds a filesystem image with `mke2fs -t ext4 -d` from a tree
made here, holding ops.txt: the changes the guest makes (its big
directory indexed by `e2fsck -D`, as Linux leaves them). expected_lines()
gives the console lines the guest must print: the tree as found, one
"op N ok" per op and the tree after the ops. check(img) then checks the
disk after the guest is gone: `e2fsck -fn` finds nothing, the
superblock says clean, and the tree on the disk (`debugfs rdump`) is
exactly the expected one, byte for byte: the same ops applied here to a
copy of the tree with Linux's own calls. A lost or misplaced write, a
missing rename or delete, or a file that should be gone fails it.

    ext4_disk.py make [SCENARIO] IMG [BLOCKSIZE]    (for ext4-native.sh)
    ext4_disk.py check [SCENARIO] IMG [STATE]
    ext4_disk.py lines [SCENARIO]                    (expected guest lines)
SCENARIO is "tree" (the default), "enospc" (a small disk filled up) or
"random1".."random3" (400 random ops, seeded).
"""
import os
import shutil
import subprocess
import sys
import tempfile


def pattern(offset, length, seed):
    """Bytes offset.. of the test's data with seed (as the guest's)."""
    return bytes((i * 131 + seed * 17 + (i >> 11)) & 0xff
                 for i in range(offset, offset + length))


def fnv(data):
    h = 0xcbf29ce484222325
    for b in data:
        h = ((h ^ b) * 0x100000001b3) & 0xffffffffffffffff
    return h


# The tree the disk starts with: path -> (size, seed), or None for a dir.
TREE = {
    'docs': None,
    'docs/readme.txt': (5000, 1),
    'docs/a.txt': (3000, 2),
    'docs/b.txt': (100, 3),
    'docs/c.txt': (200, 4),
    'log.txt': (1000, 5),
    'data.bin': (100000, 6),
    'gone.txt': (10, 7),
    'emptydir': None,
    'olddir': None,
    'olddir/inner.txt': (700, 8),
    'olddir/deep': None,
    'olddir/deep/x.bin': (70000, 9),
    'big': None,
    'big/huge.bin': (3 << 20, 10),
    'wide': None,  # indexed (htree) by make(), as Linux would
}
TREE.update({'wide/w-entry-name-%04d' % i: (20 + i % 50, 200 + i)
             for i in range(200)})

# What the guest does (apps/tests/ext4/main.c, run_op), in order.
OPS = """\
mkdir new
mkdir new/sub
write new/sub/big.bin 300000 21
write new/empty.txt 0 22
mkdir new/many
files new/many 300 100 100
write docs/readme.txt 100 23
append log.txt 5000 24
pwrite data.bin 4096 10000 25
pwrite data.bin 200000 5 26
truncate data.bin 150000
pwrite big/huge.bin 1000000 70000 27
rename docs/a.txt new/a-moved.txt
rename olddir new/olddir-moved
rename docs/b.txt docs/c.txt
unlink gone.txt
rmdir emptydir
unlink new/many/f007
rename new/many/f008 new/many/f009
mkdir emptydir
unlinkopen new/tmp.bin 50000 28
twofds new/halves.bin 90001 29
twofds docs/readme.txt 3000 30
files wide 100 30 300
unlink wide/w-entry-name-0050
rename wide/w-entry-name-0051 wide/renamed-0051
rename wide/w-entry-name-0052 new/moved-out-of-wide
fail EEXIST mkdir new
fail ENOTEMPTY rmdir docs
fail ENOENT unlink nothere.txt
fail ENOENT mkdir nothere/sub
fail EISDIR unlink docs
fail ENOTDIR rmdir log.txt
fail EINVAL rename new new/sub/inside
stat new/olddir-moved/deep/x.bin
sync
"""


# A small disk filled up: the write that does not fit fails with ENOSPC
# (the guest prints an extra "ext4: filled" line), and freeing it leaves
# a consistent filesystem.
FILL_TREE = {'keep.bin': (20000, 40)}
FILL_OPS = """\
fill big.bin 41
unlink big.bin
mkdir after
write after/small.txt 5000 42
"""



def random_ops(seed, count=400):
    """count valid ops chosen at random (seeded) over a small tree: each
    is applied here as it is chosen, so it is valid where it stands."""
    import random
    rnd = random.Random(seed)
    lines = []
    with tempfile.TemporaryDirectory() as top:
        for i in range(count):
            files, dirs = [], ['']
            for dirpath, dnames, fnames in os.walk(top):
                rel = os.path.relpath(dirpath, top)
                rel = '' if rel == '.' else rel + '/'
                dirs += [rel + d for d in dnames]
                files += [rel + f for f in fnames]
            where = rnd.choice(dirs)
            new = '%sn%d' % (where + '/' if where else '', i)
            kind = rnd.choice(['write', 'write', 'mkdir', 'mkdir'] +
                              ['pwrite', 'append', 'truncate', 'unlink',
                               'rename', 'twofds'] * bool(files) +
                              ['rmdir', 'rename'] * (len(dirs) > 1))
            size = rnd.choice([0, 1, 100, 1023, 1024, 1025, 5000, 70000])
            if kind == 'write':
                line = 'write %s %d %d' % (new, size, i)
            elif kind == 'mkdir':
                line = 'mkdir ' + new
            elif kind == 'pwrite':
                line = 'pwrite %s %d %d %d' % (rnd.choice(files),
                                               rnd.randrange(90000), size, i)
            elif kind == 'append':
                line = 'append %s %d %d' % (rnd.choice(files), size, i)
            elif kind == 'truncate':
                line = 'truncate %s %d' % (rnd.choice(files),
                                           rnd.randrange(100000))
            elif kind == 'unlink':
                line = 'unlink ' + rnd.choice(files)
            elif kind == 'twofds':
                line = 'twofds %s %d %d' % (rnd.choice(files), size, i)
            elif kind == 'rmdir':
                empty = [d for d in dirs[1:]
                         if not os.listdir(os.path.join(top, d))]
                if not empty:
                    continue
                line = 'rmdir ' + rnd.choice(empty)
            else:  # rename a file or directory, maybe over a file
                src = rnd.choice(files + dirs[1:])
                if src in dirs and (where + '/').startswith(src + '/'):
                    continue  # not into itself
                dst = new
                if src in files and files and rnd.random() < 0.3:
                    dst = rnd.choice(files)
                line = 'rename %s %s' % (src, dst)
            apply_op(top, line.split())
            lines.append(line)
    return '\n'.join(lines + ['sync']) + '\n'


SCENARIOS = {'tree': (TREE, OPS, '64M'), 'enospc': (FILL_TREE, FILL_OPS, '8M')}
for _seed in (1, 2, 3):
    SCENARIOS['random%d' % _seed] = ({}, None, '64M')
scenario = 'tree'


def scenario_ops():
    ops = SCENARIOS[scenario][1]
    if ops is None:  # random: made on first use
        ops = random_ops(int(scenario[len('random'):]))
        SCENARIOS[scenario] = SCENARIOS[scenario][:1] + (ops,) + \
            SCENARIOS[scenario][2:]
    return ops


def op_lines():
    ops = scenario_ops()
    return [l for l in ops.splitlines() if l and not l.startswith('#')]


def make_tree(top):
    tree, ops = SCENARIOS[scenario][0], scenario_ops()
    os.makedirs(top, exist_ok=True)
    for path, spec in sorted(tree.items()):
        full = os.path.join(top, path)
        if spec is None:
            os.makedirs(full, exist_ok=True)
        else:
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, 'wb') as f:
                f.write(pattern(0, *spec))
    with open(os.path.join(top, 'ops.txt'), 'w') as f:
        f.write(ops)


def write_at(path, offset, length, seed, mode):
    with open(path, mode) as f:
        if 'a' in mode:
            offset = f.seek(0, os.SEEK_END)
        else:
            f.seek(offset)
        f.write(pattern(offset, length, seed))


def apply_op(top, words):
    """One op of OPS with Linux's calls on a copy of the tree."""
    if words == ['sync']:
        return
    cmd, a = words[0], os.path.join(top, words[1])
    n = [int(w) for w in words[2:] if w.lstrip('-').isdigit()]
    if cmd == 'mkdir':
        os.mkdir(a)
    elif cmd == 'rmdir':
        os.rmdir(a)
    elif cmd == 'unlink':
        os.unlink(a)
    elif cmd == 'stat':
        os.stat(a)
    elif cmd == 'rename':
        os.rename(a, os.path.join(top, words[2]))
    elif cmd == 'write':
        write_at(a, 0, n[0], n[1], 'wb')
    elif cmd == 'pwrite':
        write_at(a, n[0], n[1], n[2], 'r+b')
    elif cmd == 'append':
        write_at(a, 0, n[0], n[1], 'ab')
    elif cmd == 'truncate':
        os.truncate(a, n[0])
    elif cmd == 'fill':
        open(a, 'wb').close()  # filled, then unlinked by the next op
    elif cmd == 'unlinkopen':
        pass  # written, unlinked while open, closed: gone
    elif cmd == 'twofds':
        write_at(a, 0, n[0], n[1], 'wb')
    elif cmd == 'files':
        for i in range(n[0]):
            write_at('%s/f%03d' % (a, i), 0, n[1], n[2] + i, 'xb')
    else:
        raise ValueError(cmd)


def apply_ops(top):
    for line in op_lines():
        words = line.split()
        if words[0] == 'fail':
            try:
                apply_op(top, words[2:])
            except OSError:
                continue
            raise AssertionError('op did not fail on Linux: ' + line)
        apply_op(top, words)


def walk_lines(top, tag, rel=''):
    """The guest's walk(): dirs and files in name order, depth first."""
    out = []
    for name in sorted(os.listdir(os.path.join(top, rel))):
        child = rel + '/' + name if rel else name
        full = os.path.join(top, child)
        if os.path.isdir(full):
            out.append('ext4: %s dir %s' % (tag, child))
            out += walk_lines(top, tag, child)
        else:
            with open(full, 'rb') as f:
                data = f.read()
            out.append('ext4: %s file %s %d %016x' %
                       (tag, child, len(data), fnv(data)))
    return out


def initial_tree(top):
    make_tree(top)
    os.mkdir(os.path.join(top, 'lost+found'))  # as mke2fs leaves it


def expected_lines():
    with tempfile.TemporaryDirectory() as tmp:
        initial_tree(tmp)
        lines = walk_lines(tmp, 'found')
        lines += ['ext4: op %d ok' % (i + 1) for i in range(len(op_lines()))]
        apply_ops(tmp)
        lines += walk_lines(tmp, 'final')
    return lines + ['ext4: done']


def make(img, blocksize=None):
    size = SCENARIOS[scenario][2]
    with tempfile.TemporaryDirectory() as tmp:
        make_tree(tmp)
        if os.path.exists(img):
            os.unlink(img)
        cmd = ['mke2fs', '-q', '-F', '-t', 'ext4', '-d', tmp]
        if blocksize:
            cmd += ['-b', str(blocksize)]
        made = subprocess.run(cmd + [img, size], capture_output=True,
                              text=True)
        if made.returncode != 0:
            raise RuntimeError('mke2fs: ' + made.stderr.strip())
    # Index big directories with hash trees (mke2fs -d leaves them
    # linear); 1 means e2fsck changed something, which it should.
    fsck = subprocess.run(['e2fsck', '-fyD', img], capture_output=True,
                          text=True)
    if fsck.returncode not in (0, 1):
        raise RuntimeError('e2fsck -fyD: ' + fsck.stdout.strip()[-300:])


def tree_files(top):
    """{relative path: bytes, or None for a directory}."""
    found = {}
    for dirpath, dirs, files in os.walk(top):
        rel = os.path.relpath(dirpath, top)
        for d in dirs:
            found[os.path.normpath(os.path.join(rel, d))] = None
        for name in files:
            with open(os.path.join(dirpath, name), 'rb') as f:
                found[os.path.normpath(os.path.join(rel, name))] = f.read()
    return found


def diff_trees(want, got):
    problems = []
    for path in sorted(set(want) | set(got)):
        if path not in got:
            problems.append('missing ' + path)
        elif path not in want:
            problems.append('unexpected ' + path)
        elif (want[path] is None) != (got[path] is None):
            problems.append('wrong type ' + path)
        elif want[path] != got[path]:
            problems.append('wrong contents %s (%d bytes, want %d)' %
                            (path, len(got[path]), len(want[path])))
    return problems


def check(img, state='clean'):
    """None when the disk holds exactly the expected tree, in the given
    superblock state ("not clean": the domain died after a sync)."""
    fsck = subprocess.run(['e2fsck', '-fn', img], capture_output=True,
                          text=True)
    if fsck.returncode != 0:
        said = ' | '.join((fsck.stdout + fsck.stderr).strip().splitlines())
        return 'e2fsck -fn exited %d: %s' % (fsck.returncode, said[-800:])
    head = subprocess.run(['dumpe2fs', '-h', img], capture_output=True,
                          text=True).stdout
    got = [l.split(':', 1)[1].strip() for l in head.splitlines()
           if l.startswith('Filesystem state:')]
    if got != [state]:
        return 'superblock state %r, expected %r' % (got, state)
    with tempfile.TemporaryDirectory() as tmp:
        want, got = os.path.join(tmp, 'want'), os.path.join(tmp, 'got')
        initial_tree(want)
        apply_ops(want)
        os.mkdir(got)
        dump = subprocess.run(['debugfs', '-R', 'rdump / ' + got, img],
                              capture_output=True, text=True)
        if dump.returncode != 0:
            return 'debugfs rdump failed: ' + dump.stderr.strip()
        problems = diff_trees(tree_files(want), tree_files(got))
    if problems:
        return '; '.join(problems[:10])
    return None


def main(argv):
    global scenario
    if argv[1:2] and argv[1] in SCENARIOS:
        scenario = argv.pop(1)
    if len(argv) >= 2 and argv[0] == 'make':
        make(argv[1], int(argv[2]) if len(argv) > 2 else None)
    elif len(argv) in (2, 3) and argv[0] == 'check':
        why = check(*argv[1:])
        if why:
            print(why)
            return 1
    elif argv == ['lines']:
        print('\n'.join(expected_lines()))
    else:
        print(__doc__.split('\n\n')[-1], file=sys.stderr)
        return 2
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
