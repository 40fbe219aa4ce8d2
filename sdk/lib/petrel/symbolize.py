"""Resolve backtrace addresses printed by a crashing guest.

The kernel prints "  #N 0x<address>" lines (with " ?" when the frame
is a guess from the top of the stack); we append the function and
source line from the image's own symbols using addr2line. Return
addresses (frames after #0) point after the call, so we look up
address - 1 to name the calling line.
"""
import re
import shutil
import subprocess

_FRAME = re.compile(r'^(\s*#(\d+) 0x([0-9a-fA-F]+)(?: \?)?)\s*$')


class Symbolizer:
    def __init__(self, image):
        self.image = image
        self.cache = {}
        self.tool = shutil.which('addr2line')

    def lookup(self, addr):
        if addr in self.cache:
            return self.cache[addr]
        name = None
        if self.tool:
            try:
                out = subprocess.run(
                    [self.tool, '-f', '-e', self.image, hex(addr)],
                    capture_output=True, text=True, timeout=10).stdout
                func, _, where = out.partition('\n')
                if func and func != '??':
                    where = where.strip().rsplit('/', 1)[-1]
                    name = func + (' (%s)' % where if where and
                                   not where.startswith('??') else '')
            except (OSError, subprocess.SubprocessError):
                name = None
        self.cache[addr] = name
        return name

    def annotate(self, line):
        m = _FRAME.match(line)
        if not m:
            return line
        addr = int(m.group(3), 16)
        if int(m.group(2)) > 0:
            addr -= 1
        name = self.lookup(addr)
        return '%s %s' % (m.group(1), name) if name else line
