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


if __name__ == "__main__":
    xenstore_seeds()
    ipconf_seeds()
    archive_seeds()
