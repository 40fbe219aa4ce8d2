#!/usr/bin/env python3
"""Copy a Petrel image with its PVH entry note (XEN_ELFNOTE_PHYS32_ENTRY,
type 18) renamed away, as an image built before PVH existed: what the
runner must refuse (or skip) for --mode pvh.

    no_pvh_entry.py SRC DST
"""
import sys

_NOTE = b'\x04\0\0\0\x04\0\0\0\x12\0\0\0Xen\0'


def copy_without_pvh_entry(src, dst):
    data = bytearray(open(src, 'rb').read())
    at = data.find(_NOTE)
    if at < 0 or data.find(_NOTE, at + 1) >= 0:
        raise ValueError('no single PHYS32_ENTRY note in ' + src)
    data[at + 8] = 0x7f
    with open(dst, 'wb') as f:
        f.write(data)


if __name__ == '__main__':
    try:
        copy_without_pvh_entry(sys.argv[1], sys.argv[2])
    except (IndexError, OSError, ValueError) as e:
        sys.exit('no_pvh_entry.py: %s' % e)
