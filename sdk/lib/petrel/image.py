"""Petrel images on the host: is a file one, and the small copy to boot.

An image is an x86-64 ELF executable whose PT_NOTE segments carry Xen
notes (the PV loader's GUEST_OS, LOADER, ENTRY...). What boots is the
stripped image (about a seventh of the size); the unstripped one stays
on the host for backtrace symbolization (symbolize.py): stripping keeps
every loaded address, so the backtrace addresses are the same.
"""
import os
import shutil
import struct
import subprocess

_PT_NOTE = 4
_EM_X86_64 = 62
_ET_EXEC = 2
# XEN_ELFNOTE_PHYS32_ENTRY: where a PVH guest starts.
_NOTE_PHYS32_ENTRY = 18


def _xen_notes(f, phoff, phentsize, phnum):
    """The types of the notes named "Xen" in the PT_NOTE segments."""
    types = set()
    for i in range(phnum):
        f.seek(phoff + i * phentsize)
        ptype, _, offset, _, _, filesz = struct.unpack(
            '<IIQQQQ', f.read(40))
        if ptype != _PT_NOTE:
            continue
        f.seek(offset)
        data = f.read(min(filesz, 1 << 16))
        pos = 0
        while pos + 12 <= len(data):
            namesz, descsz, ntype = struct.unpack_from('<III', data, pos)
            name = data[pos + 12:pos + 12 + namesz].rstrip(b'\0')
            if name == b'Xen':
                types.add(ntype)
            pos += 12 + (namesz + 3) // 4 * 4 + (descsz + 3) // 4 * 4
    return types


def check_image(path, mode='pv'):
    """Raise ValueError saying why path cannot boot as a Petrel image in
    mode ('pv' or 'pvh')."""
    try:
        with open(path, 'rb') as f:
            head = f.read(64)
            if len(head) < 64 or head[:4] != b'\x7fELF':
                raise ValueError('%s is not an ELF image' % path)
            if head[4] != 2 or head[5] != 1:
                raise ValueError('%s is not a 64-bit little-endian ELF '
                                 'image' % path)
            etype, machine = struct.unpack_from('<HH', head, 16)
            if machine != _EM_X86_64 or etype != _ET_EXEC:
                raise ValueError('%s is not an x86-64 ELF executable' % path)
            phoff, = struct.unpack_from('<Q', head, 32)
            phentsize, phnum = struct.unpack_from('<HH', head, 54)
            notes = _xen_notes(f, phoff, phentsize, phnum) \
                if phentsize >= 56 else set()
            if not notes:
                raise ValueError('%s is an ELF executable but not a Petrel '
                                 'image (no Xen PV notes; build it with '
                                 'petrel-cc)' % path)
            if mode == 'pvh' and _NOTE_PHYS32_ENTRY not in notes:
                raise ValueError('%s has no PVH entry point (no '
                                 'XEN_ELFNOTE_PHYS32_ENTRY): rebuild it '
                                 'with this petrel-cc, or boot it as PV'
                                 % path)
    except (OSError, struct.error) as e:
        raise ValueError('cannot read image %s: %s' % (path, e))


def boot_copy(image, dest):
    """Put the image to boot at dest: IMAGE.stripped when it is at least
    as new as IMAGE (the Makefile writes it), else IMAGE stripped here,
    else (no strip tool, as in a bare dom0) IMAGE itself."""
    stripped = image + '.stripped'
    if os.path.isfile(stripped) and \
            os.path.getmtime(stripped) >= os.path.getmtime(image):
        shutil.copy(stripped, dest)
        return
    strip = shutil.which('strip')
    if strip and subprocess.run([strip, '-o', dest, image],
                                stderr=subprocess.DEVNULL).returncode == 0:
        return
    shutil.copy(image, dest)
