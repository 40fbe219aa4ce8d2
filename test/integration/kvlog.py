#!/usr/bin/env python3
"""kvlog.py: reading and damaging apps/kvstore's log from outside (its
format is in apps/kvstore/record.h), for the tests: natively on a log file
(kvstore_native.py) and from dom0 on the raw disk between two boots
(suite.py ships this file with the job). Standard library only.

    python3 kvlog.py corrupt-last DISK ACKED
        flip a byte in the value of the log's last SET record, drop its
        key from the file ACKED ("key value" lines), and print
        "corrupted: offset N key K"

    python3 kvlog.py summary DISK ACKED
        replay the log on the raw disk as kvstore would and check that
        every key in ACKED is there with its value; print "log: N records,
        ends at offset E, K keys, all A acknowledged keys with their
        values"

Prints "FAIL: ...: why" and exits 1 when it cannot.
"""
import os
import struct
import subprocess
import sys

MAGIC = 0x314c564b
HEADER = 28
OP_SET, OP_DEL, OP_PAD = 1, 2, 3


def records(data):
    """The log's records, in order, as (offset, seq, op, key, value)
    tuples, following the chain of seq and prev as kvstore's replay does
    (but trusting each record's CRC field: this is for logs kvstore
    wrote, and pure Python would take minutes to check 64 MB in dom0)."""
    off, seq, prev = 0, 0, 0
    out = []
    while off + HEADER <= len(data):
        magic, crc, length, rprev, rseq, op, flags, klen = struct.unpack_from(
            '<IIIIQBBH', data, off)
        if magic != MAGIC or not HEADER <= length <= 65536 or \
                off + length > len(data) or \
                rseq != seq + 1 or rprev != (prev if seq else 0):
            break
        key = data[off + HEADER:off + HEADER + klen]
        out.append((off, rseq, op, key, data[off + HEADER + klen:off + length]))
        off, seq, prev = off + length, rseq, crc
    return out


def drop_caches():
    """dom0 reads and writes the disk through its page cache, the guest
    (through blkback) does not: start and end with nothing cached."""
    if os.path.exists('/proc/sys/vm/drop_caches'):
        subprocess.run(['sync'])
        try:
            with open('/proc/sys/vm/drop_caches', 'w') as f:
                f.write('3\n')
        except OSError:
            pass


def corrupt_last_set(path, acked_path, scan=64 << 20):
    """Flip a byte of the last SET record's value; returns (offset, key)."""
    drop_caches()
    with open(path, 'r+b') as f:
        data = f.read(scan)
        sets = [r for r in records(data) if r[2] == OP_SET and r[4]]
        if not sets:
            raise ValueError('no SET record with a value in %s' % path)
        off, _, _, key, value = sets[-1]
        at = off + HEADER + len(key)
        f.seek(at)
        f.write(bytes([data[at] ^ 0x55]))
        f.flush()
        os.fsync(f.fileno())
    drop_caches()
    key = key.decode()
    with open(acked_path) as f:
        kept = [line for line in f if line.split(' ', 1)[0] != key]
    with open(acked_path, 'w') as f:
        f.writelines(kept)
    return off, key


def summary(path, acked_path, scan=64 << 20):
    """The log's record count, end and keys, once every acknowledged key
    is found with its value; raises otherwise."""
    drop_caches()
    with open(path, 'rb') as f:
        recs = records(f.read(scan))
    store = {}
    for _, _, op, key, value in recs:
        if op == OP_SET:
            store[key] = value
        elif op == OP_DEL:
            store.pop(key, None)
    with open(acked_path) as f:
        acked = [line[:-1].split(' ', 1) for line in f
                 if line.endswith('\n') and line.strip()]
    for key, value in acked:
        if store.get(key.encode()) != value.encode():
            raise ValueError('acknowledged key %s is not on the disk with '
                             'its value' % key)
    end = recs[-1][0] + HEADER + len(recs[-1][3]) + len(recs[-1][4]) \
        if recs else 0
    return len(recs), end, len(store), len(acked)


def main(argv):
    try:
        if argv[1] == 'summary':
            print('log: %d records, ends at offset %d, %d keys, all %d '
                  'acknowledged keys with their values'
                  % summary(argv[2], argv[3]))
            return 0
        if argv[1] == 'corrupt-last':
            off, key = corrupt_last_set(argv[2], argv[3])
            print('corrupted: offset %d key %s' % (off, key))
            return 0
        print('FAIL: unknown command %r' % argv[1])
    except Exception as e:  # said as one line, for the test's log
        print('FAIL: %s: %s: %s' % (argv[1], type(e).__name__, e))
    return 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
