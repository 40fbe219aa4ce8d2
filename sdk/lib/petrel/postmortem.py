"""What a guest that Xen killed without a word can still tell.

A stack that runs into its guard page leaves the guest no way to report
(Xen cannot push the exception frame), so the agent reads guest memory
after the crash (xenctx -m, the domain is preserved) at addresses the
runner picks from the unstripped image: the kernel keeps the running
thread's name in `sched_running_name`. Xen's own log gives the RIP.
"""
import re
import shutil
import subprocess

RUNNING_NAME = 'sched_running_name'
NAME_MAX = 24  # THREAD_NAME_MAX in kernel/sched.h

_QUADS = re.compile(r'^\s*((?:[0-9a-fA-F]{16}\s*)+)$')
_XEN_RIP = re.compile(r'RIP:\s+[0-9a-fA-F]+:\[<([0-9a-fA-F]+)>\]')
# The guest's own dump (arch_dump_registers): "RIP: <hex>  RSP: ...".
_GUEST_RIP = re.compile(r'^RIP: ([0-9a-f]+)')


def symbol_address(image, name):
    """The address of a symbol in an unstripped image, or None."""
    nm = shutil.which('nm')
    if not nm:
        return None
    try:
        out = subprocess.run([nm, image], capture_output=True, text=True,
                             timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[2] == name:
            return int(parts[0], 16)
    return None


def read_addresses(image):
    """The addresses the agent should dump after a crash (hex lines)."""
    addr = symbol_address(image, RUNNING_NAME)
    return [] if addr is None else ['%x' % addr]


def thread_name(dump):
    """The C string at the start of a xenctx -m dump, or None. xenctx
    prints 64-bit little-endian words, four to a line."""
    data = bytearray()
    for line in dump:
        m = _QUADS.match(line)
        if m:
            for word in m.group(1).split():
                data += int(word, 16).to_bytes(8, 'little')
    name = bytes(data[:NAME_MAX]).split(b'\0', 1)[0]
    if not name or len(data) < NAME_MAX:
        return None
    text = name.decode('ascii', 'replace')
    return text if text.isprintable() else None


def guest_rip(console):
    """The RIP in the guest's own crash report (its register dump), or
    None."""
    for line in console:
        m = _GUEST_RIP.match(line)
        if m:
            return int(m.group(1), 16)
    return None


def xen_rip(xen_log):
    """The guest RIP in Xen's crash report, or None."""
    for line in xen_log:
        m = _XEN_RIP.search(line)
        if m:
            return int(m.group(1), 16)
    return None
