"""The tree the files tests read, and archives of it made with the
host's own cpio and tar (as a user would make them), for the guest's
ramdisk. The same tree on the host is what the native build of
apps/tests/files reads, for the differential check."""
import io
import os
import subprocess
import tarfile

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
BUILD = os.path.join(TOP, 'build', 'files-tests')
TREE = os.path.join(BUILD, 'tree')
MTIME = 1700000000

HELLO = b'Hello, ramdisk!\nsecond line\nthird line\n'


def _data(n):
    """n deterministic, not repetitive bytes."""
    out, x = bytearray(), 12345
    for _ in range(n):
        x = (x * 1103515245 + 12345) & 0x7fffffff
        out.append(x >> 16 & 0xff)
    return bytes(out)


FILES = {
    'hello.txt': (HELLO, 0o644),
    'dir/sub/data.bin': (_data(100000), 0o600),
    'dir/empty': (b'', 0o644),
    'dir/run.sh': (b'#!/bin/sh\necho hi\n', 0o755),
    'with space.txt': (b'a name with a space\n', 0o644),
    # Over tar's 100-byte name field: a GNU long name in the tar.
    'deep/' + 'n' * 120 + '/file.txt': (b'deep down\n', 0o644),
    'www/index.html': (b'<h1>from the ramdisk</h1>\n', 0o644),
    'www/docs/index.html': (b'<p>docs index</p>\n', 0o644),
    'www/docs/page.txt': (b'a page in a subdirectory\n', 0o644),
}


def make_tree():
    """The tree under build/files-tests/tree, made afresh, every file and
    directory with one mtime so that both archives carry the same."""
    subprocess.run(['rm', '-rf', TREE], check=True)
    for rel, (data, mode) in FILES.items():
        path = os.path.join(TREE, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'wb') as f:
            f.write(data)
        os.chmod(path, mode)
    for dirpath, dirnames, filenames in os.walk(TREE):
        for name in dirnames + filenames:
            os.utime(os.path.join(dirpath, name), (MTIME, MTIME))
    os.utime(TREE, (MTIME, MTIME))
    return TREE


def cpio_archive():
    """The tree as `find . | cpio -o -H newc`."""
    make_tree()
    out = os.path.join(BUILD, 'tree.cpio')
    names = subprocess.run(['find', '.'], cwd=TREE, check=True,
                           capture_output=True).stdout
    with open(out, 'wb') as f:
        subprocess.run(['cpio', '--quiet', '-o', '-H', 'newc'], cwd=TREE,
                       input=names, stdout=f, check=True)
    return out


def tar_archive():
    """The tree as `tar -cf x.tar -C tree .` (GNU tar's own format)."""
    make_tree()
    out = os.path.join(BUILD, 'tree.tar')
    subprocess.run(['tar', '-cf', out, '-C', TREE, '.'], check=True)
    return out


def bad_archive():
    """A tar whose member name climbs out of the tree (GNU tar will not
    write one, Python's tarfile will): refused at boot."""
    os.makedirs(BUILD, exist_ok=True)
    out = os.path.join(BUILD, 'bad.tar')
    with tarfile.open(out, 'w', format=tarfile.GNU_FORMAT) as tar:
        info = tarfile.TarInfo('../escape.txt')
        info.size = len(HELLO)
        tar.addfile(info, io.BytesIO(HELLO))
    return out


def truncated_archive():
    """The cpio cut in the middle of a member's data."""
    src = cpio_archive()
    out = os.path.join(BUILD, 'truncated.cpio')
    with open(src, 'rb') as f:
        data = f.read()
    with open(out, 'wb') as f:
        f.write(data[:len(data) // 2])
    return out
