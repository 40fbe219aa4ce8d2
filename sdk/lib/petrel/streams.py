"""The host side of the console framing (kernel/console_frame.h).

Out: the guest's kernel messages, stdout and stderr share one PV console.
Before bytes of another stream than the last, the guest writes a stream
switch, the APC string ESC _ petrel:S ESC \\ (S: k, 1 or 2; terminals
ignore APC strings, so `xl console` stays readable). The stream is the
kernel's at boot. The agent (images/testbed/agent) ends a last line that
had no newline with ESC _ petrel:nonl ESC \\, so that no newline is made up.

On the way the agent escapes console lines (the serial path drops control
bytes): a backslash comes as \\\\ and any byte outside printable ASCII as
\\xHH; feed() undoes that first.

In: piped stdin travels framed: 0xFF is sent as 0xFF 0xFF, and the end of
input as 0xFF 0x00, which no data can produce.
"""
import re

KERNEL, STDOUT, STDERR = 'kernel', 'stdout', 'stderr'
STREAMS = (KERNEL, STDOUT, STDERR)
_CODES = {'k': KERNEL, '1': STDOUT, '2': STDERR}
_MARK = re.compile(r'\x1b_petrel:(k|1|2|nonl)\x1b\\')

STDIN_ESCAPE = b'\xff'
STDIN_EOF = b'\xff\x00'


_ESCAPED = re.compile(rb'\\(\\|x[0-9a-fA-F]{2})')


def _unescape_one(m):
    code = m.group(1)
    return b'\\' if code == b'\\' else bytes([int(code[1:], 16)])


def unescape_console(line):
    """A console line as the agent sent it -> the guest's bytes (as str,
    undecodable bytes kept by surrogateescape)."""
    if '\\' not in line:
        return line
    raw = line.encode('utf-8', 'surrogateescape')
    return _ESCAPED.sub(_unescape_one, raw).decode('utf-8',
                                                   'surrogateescape')


def frame_stdin(data):
    """Bytes to type into the guest console for stdin data, then EOF."""
    return data.replace(STDIN_ESCAPE, STDIN_ESCAPE * 2) + STDIN_EOF


class ConsoleDemux:
    """Split console lines (as the agent reports them, without their
    newline) into per-stream chunks, and keep per-stream lines."""

    def __init__(self):
        self.stream = KERNEL
        self.partial = {s: '' for s in STREAMS}
        self.lines = {s: [] for s in STREAMS}
        self.chunks = {s: [] for s in STREAMS}

    def feed(self, line):
        """One console line. Returns (merged, chunks): the line with the
        marks removed, and [(stream, text)] in order, where text ends
        with a newline when the line ended in that stream."""
        line = unescape_console(line)
        chunks = []
        pos = 0
        newline = True
        for m in _MARK.finditer(line):
            self._add(chunks, line[pos:m.start()])
            pos = m.end()
            if m.group(1) == 'nonl':
                newline = pos != len(line)
            else:
                self.stream = _CODES[m.group(1)]
        self._add(chunks, line[pos:] + ('\n' if newline else ''))
        return _MARK.sub('', line), chunks

    def _add(self, chunks, text):
        if not text:
            return
        if chunks and chunks[-1][0] == self.stream:
            chunks[-1] = (self.stream, chunks[-1][1] + text)
        else:
            chunks.append((self.stream, text))
        self.chunks[self.stream].append(text)
        done = (self.partial[self.stream] + text).split('\n')
        self.partial[self.stream] = done.pop()
        self.lines[self.stream].extend(done)

    def text(self, stream):
        """Everything the stream carried so far, exactly."""
        return ''.join(self.chunks[stream])

    def finish(self):
        """End of the console: keep every stream's unfinished line."""
        for s in STREAMS:
            if self.partial[s]:
                self.lines[s].append(self.partial[s])
                self.partial[s] = ''
