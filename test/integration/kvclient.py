#!/usr/bin/env python3
"""kvclient.py: a client for apps/kvstore, used natively on the host
(kvstore_native.py) and from dom0 in the testbed (suite.py ships this file
with the job). Standard library only.

    python3 kvclient.py wait HOST PORT SECONDS
    python3 kvclient.py fill HOST PORT FIRST COUNT ACKED
        SET keys k<FIRST>..k<FIRST+COUNT-1> (pipelined), appending
        "key value" to the file ACKED for each OK as it arrives
    python3 kvclient.py fill-forever HOST PORT FIRST ACKED
        the same without end (until the server goes away)
    python3 kvclient.py set HOST PORT KEY ACKED
        SET KEY (its value as fill gives it), appended to ACKED once OK
    python3 kvclient.py check HOST PORT ACKED [MIN]
        every key in ACKED has its value (and there are at least MIN)
    python3 kvclient.py absent HOST PORT KEY
        GET KEY answers NOTFOUND
    python3 kvclient.py shutdown HOST PORT

Each prints "ok: ..." or "FAIL: ...: why" and exits 0 or 1.
"""
import os
import socket
import sys
import time

# Longer where the guest may be away a while (saved and restored).
TIMEOUT = float(os.environ.get('KVCLIENT_TIMEOUT', '60'))
WINDOW = 64   # commands in flight on one connection


def value_for(key):
    """A value of 10..400 bytes, with spaces, that says which key it is."""
    n = sum(key.encode()) * 37 % 391 + 10
    text = ('value of %s ' % key) * (n // 10 + 1)
    return text[:n]


class Client:
    def __init__(self, host, port, timeout=TIMEOUT):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.buf = b''

    def send(self, line):
        data = line if isinstance(line, bytes) else line.encode()
        self.sock.sendall(data + b'\n')

    def reply(self):
        """The next reply line (bytes, without its LF)."""
        while b'\n' not in self.buf:
            data = self.sock.recv(65536)
            if not data:
                raise EOFError('connection closed before a reply')
            self.buf += data
        line, self.buf = self.buf.split(b'\n', 1)
        return line

    def cmd(self, line):
        self.send(line)
        return self.reply()

    def close(self):
        self.sock.close()


def wait(host, port, seconds):
    deadline = time.time() + seconds
    while True:
        try:
            socket.create_connection((host, port), timeout=2).close()
            return
        except OSError:
            if time.time() > deadline:
                raise
            time.sleep(0.2)


def fill(host, port, first, count, acked_path):
    """SET keys pipelined, WINDOW in flight; each acknowledged one is
    appended to acked_path (flushed) as soon as its OK arrives. Returns
    how many were acknowledged; raises if a reply is not OK."""
    c = Client(host, port)
    sent = done = 0
    with open(acked_path, 'a') as acked:
        while count is None or done < count:
            while (count is None or sent < count) and sent - done < WINDOW:
                key = 'k%d' % (first + sent)
                c.send('SET %s %s' % (key, value_for(key)))
                sent += 1
            r = c.reply()
            key = 'k%d' % (first + done)
            if r != b'OK':
                raise ValueError('SET %s: %r' % (key, r))
            acked.write('%s %s\n' % (key, value_for(key)))
            acked.flush()
            done += 1
    c.close()
    return done


def acked_pairs(path):
    """The (key, value) pairs of an ACKED file; a last line without its
    LF (the writer was killed while writing it) is not one."""
    with open(path) as f:
        return [line[:-1].split(' ', 1) for line in f
                if line.endswith('\n') and line.strip()]


def check(host, port, acked_path, minimum=0):
    """None if every acknowledged key has its value, else why not."""
    pairs = acked_pairs(acked_path)
    if len(pairs) < minimum:
        return 'only %d acknowledged keys, expected %d' % (len(pairs), minimum)
    c = Client(host, port)
    for i in range(0, len(pairs), WINDOW):
        chunk = pairs[i:i + WINDOW]
        c.sock.sendall(b''.join(b'GET %s\n' % k.encode() for k, _ in chunk))
        for k, v in chunk:
            r = c.reply()
            if r != b'VALUE ' + v.encode():
                return 'GET %s: %r, expected VALUE %r' % (k, r[:80], v[:40])
    c.close()
    return None


def main(argv):
    what, host, port = argv[1], argv[2], int(argv[3])
    try:
        if what == 'wait':
            wait(host, port, float(argv[4]))
            print('ok: %s:%d is listening' % (host, port))
        elif what in ('fill', 'fill-forever'):
            count = int(argv[5]) if what == 'fill' else None
            n = fill(host, port, int(argv[4]), count, argv[-1])
            print('ok: fill: %d keys acknowledged' % n)
        elif what == 'check':
            why = check(host, port, argv[4],
                        int(argv[5]) if len(argv) > 5 else 0)
            if why:
                print('FAIL: check: %s' % why)
                return 1
            n = len(acked_pairs(argv[4]))
            print('ok: check: all %d acknowledged keys present' % n)
        elif what == 'set':
            key = argv[4]
            r = Client(host, port).cmd('SET %s %s' % (key, value_for(key)))
            if r != b'OK':
                print('FAIL: set: SET %s answered %r' % (key, r[:80]))
                return 1
            with open(argv[5], 'a') as f:
                f.write('%s %s\n' % (key, value_for(key)))
            print('ok: set %s' % key)
        elif what == 'absent':
            r = Client(host, port).cmd('GET ' + argv[4])
            if r != b'NOTFOUND':
                print('FAIL: absent: GET %s answered %r' % (argv[4], r[:80]))
                return 1
            print('ok: absent: %s' % argv[4])
        elif what == 'shutdown':
            r = Client(host, port).cmd('SHUTDOWN')
            if r != b'OK':
                print('FAIL: shutdown: %r' % r)
                return 1
            print('ok: shutdown')
        else:
            print('FAIL: unknown check %r' % what)
            return 1
    except Exception as e:  # said as one line, for the test's log
        print('FAIL: %s: %s: %s' % (what, type(e).__name__, e))
        return 1
    sys.stdout.flush()
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
