#!/usr/bin/env python3
"""Write the fuzz harnesses' seed corpora (corpus/NAME/): small valid
inputs that start each harness deep in the code it fuzzes. The files are
checked in; run this again after changing an input format. Regression
inputs (a crash a harness once found) live beside the seeds as
corpus/NAME/regress-*, and this script leaves them alone."""
import io
import os
import struct
import tarfile

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, seed, data):
    d = os.path.join(HERE, "corpus", name)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "seed-" + seed), "wb") as f:
        f.write(data)


# xenstore_wire: base index (u32), mode (u8: 0x80 = get_response, low
# bits pick the payload buffer size), then ops (see fuzz_xenstore_wire.c).
XS_READ, XS_DIRECTORY, XS_ERROR, XS_WATCH_EVENT = 2, 1, 16, 15


def xs_header(type_, req_id, length):
    return bytes([1, type_, req_id]) + struct.pack("<H", length)


def xs_bytes(data):
    out = b""
    for i in range(0, len(data), 255):
        chunk = data[i:i + 255]
        out += bytes([0, len(chunk)]) + chunk
    return out


def xs_reply(type_, req_id, payload):
    return xs_header(type_, req_id, len(payload)) + xs_bytes(payload)


TAKE = bytes([4])


def xs_put(parts, nul_last, type_=XS_READ, req_id=7):
    out = bytes([6, len(parts), nul_last, type_]) + struct.pack("<I", req_id)
    for p in parts:
        out += bytes([len(p)]) + p
    return out


def xenstore_seeds():
    def seed(name, base, mode, ops):
        write("xenstore_wire", name, struct.pack("<IB", base, mode) + ops)

    seed("read", 0, 3, xs_reply(XS_READ, 1, b"hello") + TAKE)
    seed("watch-wraps", 0xFFFFFFF0, 5,
         xs_reply(XS_WATCH_EVENT, 0, b"device/vif/0\0tok\0") + TAKE)
    seed("directory", 0, 0x80 | 4,
         xs_reply(XS_DIRECTORY, 2, b"0\x001\x00backend\x00") + TAKE)
    seed("error", 100, 0x80 | 3, xs_reply(XS_ERROR, 3, b"ENOENT\0") + TAKE)
    seed("request-reply", 0, 5,
         xs_put([b"device/vif/0/state"], 1) + bytes([7, 30, 0]) +
         xs_put([b"a/b", b"value"], 0) + xs_reply(XS_READ, 7, b"4") + TAKE)
    # A reply longer than the ring, read in pieces as the backend refills.
    big = bytes((i * 7) & 0x7F or 1 for i in range(2500))
    ops = xs_header(XS_READ, 9, len(big))
    for i in range(0, len(big), 900):
        ops += xs_bytes(big[i:i + 900]) + TAKE
    seed("long-reply", 0x7FFFFF00, 6, ops + TAKE)
    seed("truncated", 0, 1, xs_reply(XS_READ, 1, b"longer than room") + TAKE)


def ipconf_seeds():
    for name, text in [
        ("cidr", "10.0.0.2/24"),
        ("cidr-gw", "192.168.1.10/24 gw=192.168.1.1"),
        ("positional", "10.1.2.3 255.255.0.0 10.1.0.1"),
        ("class", "172.16.5.4 gateway=172.16.0.1"),
        ("ipv6", "2001:db8::10/64 fe80::1"),
        ("ipv6-v4tail", "::ffff:10.0.0.1/96"),
        ("mixed", "10.0.0.2/8,2001:db8:0:0:1:0:0:1 10.0.0.9 10.0.0.10"),
    ]:
        write("ipconf", name, text.encode())


def cpio_member(name, mode, data=b""):
    name = name.encode() + b"\0"
    fields = [1, mode, 0, 0, 1, 1700000000, len(data), 0, 0, 0, 0,
              len(name), 0]
    out = b"070701" + b"".join(b"%08X" % f for f in fields) + name
    out += b"\0" * (-len(out) % 4)
    return out + data + b"\0" * (-len(data) % 4)


def cpio(members):
    out = b"".join(cpio_member(*m) for m in members)
    return out + cpio_member("TRAILER!!!", 0)


def tar(fmt, members):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=fmt) as t:
        for name, kind, data in members:
            info = tarfile.TarInfo(name)
            info.mtime = 1700000000
            if kind == "dir":
                info.type, info.mode = tarfile.DIRTYPE, 0o755
            elif kind == "link":
                info.type, info.linkname = tarfile.SYMTYPE, data.decode()
                data = b""
            else:
                info.mode, info.size = 0o644, len(data)
            t.addfile(info, io.BytesIO(data) if data else None)
    data = buf.getvalue()
    # tarfile pads to 10 KiB; one end-of-archive block is enough.
    while data.endswith(bytes(1024)):
        data = data[:-512]
    return data


def archive_seeds():
    tree = [("etc", "dir", b""), ("etc/motd", "file", b"hello\n"),
            ("bin/sh", "link", b"../etc/motd"), ("lnk", "link", b"/etc"),
            ("a/b/c.txt", "file", b"x" * 700)]
    write("archive", "cpio", cpio([
        (".", 0o40755), ("etc", 0o40755),
        ("etc/motd", 0o100644, b"hello\n"),
        ("./bin/sh", 0o120777, b"../etc/motd"),
        ("lnk", 0o120777, b"/etc"), ("a/b/c.txt", 0o100644, b"x" * 37)]))
    write("archive", "tar-ustar", tar(tarfile.USTAR_FORMAT, tree))
    long_name = "d/" + "n" * 120 + "/file"
    write("archive", "tar-gnu-long", tar(tarfile.GNU_FORMAT, tree + [
        (long_name, "file", b"long"), ("ll", "link", ("t" * 150).encode())]))
    write("archive", "tar-pax-long", tar(tarfile.PAX_FORMAT, tree + [
        (long_name, "file", b"long")]))


# blkfront_rsp: ring size (u16), then steps: take an id (odd byte, op)
# or a response (even byte, op, id u16, status s16).
def blk_take(op):
    return bytes([1, op])


def blk_rsp(op, id_, status=0):
    return bytes([0, op]) + struct.pack("<Hh", id_, status)


def blkfront_seeds():
    def seed(name, ring, steps):
        write("blkfront_rsp", name, struct.pack("<H", ring) + steps)

    seed("read-write", 32, blk_take(0) + blk_take(1) + blk_rsp(1, 1) +
         blk_rsp(0, 0))
    seed("eopnotsupp-flush", 32, blk_take(3) + blk_rsp(3, 0, -2))
    seed("error-barrier", 256, blk_take(2) + blk_rsp(2, 0, -1))
    seed("repeat-and-wrong-op", 8, blk_take(0) + blk_rsp(1, 0) +
         blk_rsp(0, 0) + blk_rsp(0, 0))
    seed("full", 4, blk_take(0) * 5 + blk_rsp(0, 3) + blk_take(1))


# netfront_rx: base index (u32), then steps: a response naming the
# buffer posted at its slot (kind 0: offset u16, flags u8, status s16),
# raw 8 bytes (kind 1), or the end of a batch (kind 7).
NETRXF_VALID, NETRXF_BLANK, NETRXF_MORE, NETRXF_EXTRA = 1, 2, 4, 8


def nf_rsp(offset, flags, status):
    return bytes([0]) + struct.pack("<HBh", offset, flags, status)


def nf_gso(size, gso_type=1, more=0):
    # netif_extra_info: type GSO (1), flags, size, gso type, pad, features
    return bytes([1]) + struct.pack("<BBHBBH", 1, more, size, gso_type, 0, 0)


def netfront_seeds():
    def seed(name, base, steps):
        write("netfront_rx", name, struct.pack("<I", base) + steps)

    seed("one-frame", 0, nf_rsp(0, NETRXF_VALID, 60) + bytes([7]))
    seed("three-slots", 0xFFFFFF80,
         nf_rsp(0, NETRXF_MORE, 4096) + nf_rsp(0, NETRXF_MORE, 4096) +
         nf_rsp(100, 0, 1000) + bytes([7]))
    seed("gso", 0, nf_rsp(0, NETRXF_BLANK | NETRXF_MORE | NETRXF_EXTRA,
                          4096) + nf_gso(1448) + nf_rsp(0, 0, 3000))
    seed("bad-then-good", 0, nf_rsp(4000, 0, 200) + nf_rsp(0, 0, 10) +
         nf_rsp(0, 0, 1514) + bytes([7]))
    # Slot 0 answered (badly) with slot 1's buffer, then slot 1 with it
    # again: the buffer posted at slot 0 is left counted as the backend's.
    seed("out-of-order-strand", 0xEAEA0000,
         bytes([1]) + struct.pack("<HHHh", 1, 0, 0, -5632) + nf_rsp(0, 0, 60))
    seed("many", 0, (nf_rsp(0, 0, 60) * 70) + bytes([7]) +
         nf_rsp(0, 0, 1514) * 200)


# netfront_tx: features (u8: NETFRONT_F_*), MTU (u16), base index (u32),
# then steps: send a frame (0: start u16, frags u8, flags u8, gso type u8,
# gso size u16, each frag's length u16), an honest answer (1: which
# pending request u8, status u8 (0,1 okay, 2 error, 3 dropped), id left
# in an extra's NULL u16), a bad one (3: any u32; 4: NULL to a data
# slot; 5: replay; 6: rsp_prod ahead), or take the responses (7).
F_CSUM, F_SG, F_GSO4, F_GSO6, F_CSUM6 = 1, 2, 4, 8, 16


def tx_send(lens, flags=0, gso=0, gso_size=0, start=0):
    return (bytes([0]) + struct.pack("<HBBBH", start, len(lens), flags, gso,
                                     gso_size) +
            b"".join(struct.pack("<H", n) for n in lens))


def tx_answer(k=0, status=0, extra_id=0):
    return bytes([1, k, status]) + struct.pack("<H", extra_id)


TX_TAKE = bytes([7])


def netfront_tx_seeds():
    def seed(name, features, mtu, base, steps):
        write("netfront_tx", name,
              struct.pack("<BHI", features, mtu, base) + steps)

    big = 0x8000 | 9000
    seed("one-frame", 0, 1500, 0, tx_send([60]) + tx_answer() + TX_TAKE)
    seed("sg-three-pages", F_CSUM | F_SG, 1500, 0xFFFFFFF0,
         tx_send([14, 2000, 7000], flags=1) + tx_answer(2) + tx_answer(0) +
         TX_TAKE + tx_answer(0, 2) + TX_TAKE)
    seed("gso-extra-null", F_CSUM | F_SG | F_GSO4, 1500, 0,
         tx_send([54, big], flags=1, gso=1, gso_size=1448) +
         tx_answer(1, 0, 0x0101) + tx_answer(0, 3) + tx_answer(0) + TX_TAKE)
    seed("errors", F_CSUM, 9000, 0,
         tx_send([1514]) + tx_send([60]) + tx_answer(0, 2) +
         tx_answer(0, 3) + TX_TAKE)
    seed("duplicate", 0, 1500, 0,
         tx_send([60]) + tx_answer() + bytes([5, 0]) + TX_TAKE +
         tx_send([60]) + tx_answer() + TX_TAKE)
    seed("null-to-data", 0, 1500, 0,
         tx_send([60]) + bytes([4, 0]) + TX_TAKE + tx_answer() + TX_TAKE)
    seed("junk-and-overrun", F_SG, 1500, 0,
         tx_send([60, 5000]) + bytes([3]) + struct.pack("<I", 0x00000001) +
         bytes([3]) + struct.pack("<I", 0xFFFE0300) + TX_TAKE +
         bytes([6, 3]) + TX_TAKE)
    seed("ring-full", F_SG, 1500, 0,
         tx_send([4096 * 2]) * 140 + TX_TAKE + tx_answer() * 100 + TX_TAKE +
         tx_send([60]) * 40)


# ext4_io: flags (u8: 1 4096-byte sectors, 2 read-only disk, 4 can
# flush, 8 open read-write), sectors (u16), faults (u8 count, then call
# number, error, sectors moved: u8 each), then steps: a block operation
# (0 read_blk, 1 write_blk, 2 read_blk64, 3 write_blk64: u8 0 then block
# u16, or 0xff then block u64; count s16, negative for bytes),
# write_byte (4: offset u32, count s16, u8), flush (5), set_blksize (6:
# u8 index into 1024 2048 4096 512 65536 1 3 1000 0 -1) or reopen (7: u8
# 1 for read-write).
def e_blk(kind, block, count):
    if block < 0x10000:
        return bytes([kind, 0]) + struct.pack("<Hh", block, count)
    return bytes([kind, 0xff]) + struct.pack("<Qh", block, count)


E_READ, E_WRITE, E_READ64, E_WRITE64 = 0, 1, 2, 3


def ext4_io_seeds():
    def seed(name, flags, sectors, faults, steps):
        head = struct.pack("<BHB", flags, sectors, len(faults))
        head += b"".join(bytes(f) for f in faults)
        write("ext4_io", name, head + steps)

    seed("read-write", 4 | 8, 511, [],
         e_blk(E_WRITE, 3, 2) + e_blk(E_READ, 3, 1) + e_blk(E_READ, 4, 1) +
         e_blk(E_READ64, 2, 3) + bytes([5]))
    # Block 0 cached (with its read-ahead), a write over it torn after
    # three sectors, then block 0 again.
    seed("torn-write-cached", 8, 511, [(1, 0, 3)],
         e_blk(E_READ, 0, 1) + e_blk(E_WRITE, 0, 4) + e_blk(E_READ, 0, 1) +
         e_blk(E_READ, 1, 1))
    seed("unaligned-4k", 1 | 4 | 8, 63, [],
         bytes([6, 7]) + e_blk(E_READ, 5, 3) + e_blk(E_WRITE64, 7, -100) +
         e_blk(E_READ, 7, 1) + bytes([4]) + struct.pack("<Ihb", 4097, 10, 0) +
         e_blk(E_READ, 4, 2) + bytes([6, 5]) + e_blk(E_WRITE, 100, 3))
    seed("past-end", 8, 20, [],
         e_blk(E_READ, 9, 1) + e_blk(E_READ, 10, 1) + e_blk(E_WRITE, 9, 2) +
         e_blk(E_READ64, 1 << 60, 1) + e_blk(E_WRITE64, (1 << 64) - 1, 1) +
         bytes([4]) + struct.pack("<Ihb", 10230, 20, 0))
    seed("read-only", 2 | 4 | 8, 100, [],
         e_blk(E_WRITE, 1, 1) + e_blk(E_READ, 1, 1) + bytes([5]) +
         bytes([4]) + struct.pack("<Ihb", 0, 1, 0) + bytes([7, 0]))
    # Read-ahead fails, the single block read then works; a flush fails.
    seed("faults", 4 | 8, 300, [(0, 0, 5), (2, 5, 0), (4, 1, 1)],
         e_blk(E_READ, 12, 1) + e_blk(E_WRITE, 20, 1) + bytes([5]) +
         e_blk(E_READ, 12, 1) + e_blk(E_WRITE, 13, -700) + bytes([5]))
    seed("block-sizes", 1 | 8, 60, [],
         bytes([6, 2]) + e_blk(E_WRITE, 3, 2) + bytes([6, 4]) +
         e_blk(E_READ, 0, 1) + bytes([6, 8, 6, 9, 6, 6]) +
         e_blk(E_WRITE, 4095, 5) + e_blk(E_READ, 4096, 1) + bytes([7, 1]) +
         e_blk(E_READ, 3, 1))


# console_input: mode (u8: 1 = piped), base index (u32), then steps:
# append (0, n, bytes), read (3, len), poll (5).
def ci_append(data):
    return bytes([0, len(data)]) + data


def console_seeds():
    def seed(name, mode, base, steps):
        write("console_input", name, struct.pack("<BI", mode, base) + steps)

    seed("typed", 0, 0, ci_append(b"hello\rworld\n") + bytes([5, 3, 64]))
    seed("piped", 1, 0xFFFFFFF0,
         ci_append(b"ab\xff\xffcd\xff") + bytes([5, 3, 3, 3, 64]) +
         ci_append(b"\x00ignored") + bytes([3, 10, 3, 10]))
    seed("full-ring", 1, 0, ci_append(bytes(range(1, 255))) * 5 +
         bytes([3, 79]) * 20 + bytes([5]))


# pvh_memmap: flags (u8: version in flags % 3; 0x04 map, 0x08 command
# line, 0x10 modules), entries, modules, command line length, image
# start and end (u64, shifted right 16), then the tables and the text.
def pvh_seeds():
    ram = [(0, 0x9FC00, 1), (0x100000, 0x7F00000, 1), (0xFC000000, 0x1000, 2)]
    table = b"".join(struct.pack("<QQII", a, n, t, 0) for a, n, t in ram)
    mods = struct.pack("<QQQQ", 0x2000000, 0x10000, 0, 0)
    cmd = b"console=hvc0 petrel.stdin=pipe"
    head = struct.pack("<BBBBQQ", 1 | 0x04 | 0x08 | 0x10, len(ram), 1,
                       len(cmd), 0x100000 << 16, 0x180000 << 16)
    write("pvh_memmap", "qemu-like", head + table + mods + cmd)
    head = struct.pack("<BBBBQQ", 1 | 0x04, len(ram), 0, 0, 0x1000 << 16,
                       0x30000 << 16)
    write("pvh_memmap", "low-image", head + table)


if __name__ == "__main__":
    xenstore_seeds()
    ipconf_seeds()
    archive_seeds()
    blkfront_seeds()
    netfront_seeds()
    netfront_tx_seeds()
    ext4_io_seeds()
    console_seeds()
    pvh_seeds()
