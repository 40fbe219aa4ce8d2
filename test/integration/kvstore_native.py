#!/usr/bin/env python3
"""kvstore_native.py: apps/kvstore built natively with the host's gcc,
its log in a plain file, driven over loopback: the protocol and its errors,
pipelining, many clients at once, restarts (clean, and kill -9 in the
middle of a stream of SETs: every acknowledged key is back), damaged logs
(a torn last record, a flipped byte, a record left from an older log) that
are reported with their offset and skipped, and a full log. The testbed
tests (suite.py, kvstore-*) do the same on a raw disk with `xl destroy`.
Prints "PASS: apps/kvstore-NAME" / "FAIL: apps/kvstore-NAME: why" lines.
"""
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import apps_native  # noqa: E402
import kvclient as kc  # noqa: E402
import kvlog  # noqa: E402

EXE = os.path.join(apps_native.NATIVE, 'kvstore')
free_port = apps_native.free_port


class Server:
    """kvstore on a free port with its log in path; stdout and stderr
    collected apart."""

    def __init__(self, path, *args):
        self.port = free_port()
        self.proc = subprocess.Popen(
            [EXE, '-p', str(self.port), '-d', path, '-x'] + list(args),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.out, self.err = [], []
        self.readers = [threading.Thread(target=self._read, args=(f, lines),
                                         daemon=True)
                        for f, lines in ((self.proc.stdout, self.out),
                                         (self.proc.stderr, self.err))]
        for t in self.readers:
            t.start()
        kc.wait('127.0.0.1', self.port, 10)

    @staticmethod
    def _read(f, lines):
        for line in f:
            lines.append(line.rstrip('\n'))

    def client(self):
        return kc.Client('127.0.0.1', self.port, timeout=10)

    def shutdown(self):
        """SHUTDOWN, then the exit status."""
        r = self.client().cmd('SHUTDOWN')
        if r != b'OK':
            raise ValueError('SHUTDOWN answered %r' % r)
        return self.wait()

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        return self.wait()

    def wait(self):
        self.proc.wait(10)
        for t in self.readers:
            t.join(5)
        return self.proc.returncode


def check(name, fn, *args):
    apps_native.check('kvstore-' + name, fn, *args)


def fresh_log(tmp, name):
    path = os.path.join(tmp, name)
    if os.path.exists(path):
        os.unlink(path)
    return path


PROTOCOL = [
    (b'SET a hello world', b'OK'),
    (b'GET a', b'VALUE hello world'),
    (b'GET nothing', b'NOTFOUND'),
    (b'set b  two  spaces ', b'OK'),
    (b'get b', b'VALUE  two  spaces '),
    (b'SET c', b'ERR usage: SET key value'),
    (b'SET c ', b'OK'),
    (b'GET c', b'VALUE '),
    (b'DEL a', b'OK'),
    (b'DEL a', b'NOTFOUND'),
    (b'GET a', b'NOTFOUND'),
    (b'SET crlf yes\r', b'OK'),
    (b'GET crlf\r', b'VALUE yes'),
    (b'FLY away', b'ERR unknown command (SET, GET, DEL, QUIT)'),
    (b'', b'ERR empty line'),
    (b'GET', b'ERR usage: GET key'),
    (b'GET a b', b'ERR usage: GET key'),
    (b'DEL  a', b'ERR empty key'),
    (b'GET k\x01y', b'ERR bad key: control bytes are not allowed'),
    (b'SET ' + b'k' * 257 + b' v', b'ERR key too long (at most 256 bytes)'),
    (b'SET ' + b'k' * 256 + b' v', b'OK'),
    (b'SET big ' + b'v' * 4097, b'ERR value too long (at most 4096 bytes)'),
    (b'SET big ' + b'v' * 4096, b'OK'),
    (b'GET big', b'VALUE ' + b'v' * 4096),
    (b'x' * 100000, b'ERR line too long'),
    (b'GET b', b'VALUE  two  spaces '),
    (b'SHUTDOWN', b'OK'),
]


def t_protocol(tmp):
    """Each line's reply, errors included, on one connection that stays
    usable; SHUTDOWN (with -x) stops the server with status 0."""
    srv = Server(fresh_log(tmp, 'proto.log'))
    c = srv.client()
    for line, want in PROTOCOL:
        got = c.cmd(line)
        if got != want:
            srv.kill()
            return '%r answered %r, expected %r' % (line[:40], got[:60],
                                                    want[:60])
    status = srv.wait()
    if status != 0:
        return 'exit status %d after SHUTDOWN' % status
    if not any(re.match(r'^kvstore: shut down with 5 keys', x)
               for x in srv.out):
        return 'no shutdown line with 5 keys: %r' % srv.out
    return None


def t_quit_and_eof(tmp):
    """QUIT says BYE and closes; a last line without LF is still answered
    when the client shuts its side; SHUTDOWN is refused without -x."""
    srv = Server(fresh_log(tmp, 'quit.log'))
    try:
        c = srv.client()
        if c.cmd('QUIT') != b'BYE':
            return 'QUIT not answered BYE'
        if c.sock.recv(10) != b'':
            return 'connection still open after QUIT'
        c = srv.client()
        c.sock.sendall(b'SET last line\nGET last')
        c.sock.shutdown(socket.SHUT_WR)
        if (c.reply(), c.reply()) != (b'OK', b'VALUE line'):
            return 'lines before the end of input not answered'
        if c.sock.recv(10) != b'':
            return 'connection still open after the end of input'
    finally:
        srv.shutdown()
    port = free_port()
    proc = subprocess.Popen([EXE, '-p', str(port), '-d',
                             fresh_log(tmp, 'nox.log')],
                            stdout=subprocess.DEVNULL)
    try:
        kc.wait('127.0.0.1', port, 10)
        r = kc.Client('127.0.0.1', port).cmd('SHUTDOWN')
        if r != b'ERR SHUTDOWN is not enabled (kvstore -x)':
            return 'SHUTDOWN without -x answered %r' % r
    finally:
        proc.kill()
        proc.wait()
    return None


def t_pipelined(tmp):
    """3000 commands in one send are answered in order."""
    srv = Server(fresh_log(tmp, 'pipe.log'))
    c = srv.client()
    lines = []
    for i in range(1000):
        lines += [b'SET p%d v%d' % (i, i), b'GET p%d' % i, b'GET q%d' % i]
    c.sock.sendall(b'\n'.join(lines) + b'\n')
    for i in range(1000):
        got = (c.reply(), c.reply(), c.reply())
        if got != (b'OK', b'VALUE v%d' % i, b'NOTFOUND'):
            srv.kill()
            return 'command %d answered %r' % (i, got)
    return None if srv.shutdown() == 0 else 'bad exit status'


def t_many_clients(tmp):
    """50 clients at once, 200 pipelined SETs each; all there after a
    clean restart, and the restart's log line counts them."""
    path = fresh_log(tmp, 'many.log')
    acked = os.path.join(tmp, 'many.acked')
    srv = Server(path)
    errors = []

    def one(i):
        try:
            kc.fill('127.0.0.1', srv.port, i * 1000, 200,
                    '%s.%d' % (acked, i))
        except Exception as e:
            errors.append('client %d: %s' % (i, e))
    threads = [threading.Thread(target=one, args=(i,)) for i in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    srv.shutdown()
    if errors:
        return errors[0]
    with open(acked, 'w') as out:
        for i in range(50):
            out.write(open('%s.%d' % (acked, i)).read())
    srv = Server(path)
    try:
        why = kc.check('127.0.0.1', srv.port, acked, 10000)
        if why:
            return why
        if not any(re.search(r' records replayed, 10000 keys, ', x)
                   for x in srv.out):
            return 'no replay line with 10000 keys: %r' % srv.out
        if srv.err:
            return 'unexpected stderr: %r' % srv.err
    finally:
        srv.shutdown()
    return None


def t_kill9(tmp):
    """kill -9 while a client streams SETs: after a restart every key
    that was acknowledged is there with its value."""
    path = fresh_log(tmp, 'kill.log')
    acked = os.path.join(tmp, 'kill.acked')
    srv = Server(path)
    kc.fill('127.0.0.1', srv.port, 0, 2000, acked)
    writer = threading.Thread(target=lambda: _ignore(
        kc.fill, '127.0.0.1', srv.port, 2000, None, acked))
    writer.start()
    time.sleep(0.5)
    srv.kill()
    writer.join(10)
    n = sum(1 for _ in open(acked))
    if n <= 2000:
        return 'the writer got nothing acknowledged before the kill'
    srv = Server(path)
    try:
        return kc.check('127.0.0.1', srv.port, acked, n)
    finally:
        srv.shutdown()


def _ignore(fn, *args):
    try:
        fn(*args)
    except Exception:
        pass


def report_line(srv):
    """(offset, reason) from the stderr report of a bad record, or None.
    stderr has its own pipe and reader: give the line a moment to arrive."""
    deadline = time.time() + 3
    while True:
        for line in srv.err:
            m = re.match(r'^kvstore: log \S+: bad record at offset (\d+): '
                         r'(.*); skipping the rest of the log', line)
            if m:
                return int(m.group(1)), m.group(2)
        if time.time() > deadline:
            return None
        time.sleep(0.05)


def damaged(tmp, name, damage):
    """A log with keys d0..d99 set one commit each; damage(path, records)
    changes it and returns (offset, reason, keys lost) the restart must
    report. Then the restart reports exactly that, has every other key,
    takes new SETs, and a second restart still has them."""
    path = fresh_log(tmp, name)
    acked = os.path.join(tmp, name + '.acked')
    srv = Server(path)
    c = srv.client()
    for i in range(100):
        if c.cmd('SET d%d value %d' % (i, i)) != b'OK':
            return 'SET d%d failed' % i
    srv.shutdown()
    recs = kvlog.records(open(path, 'rb').read())
    off, reason, lost = damage(path, recs)
    with open(acked, 'w') as f:
        for i in range(100):
            if 'd%d' % i not in lost:
                f.write('d%d value %d\n' % (i, i))
    srv = Server(path)
    try:
        got = report_line(srv)
        if got != (off, reason):
            return 'reported %r, expected offset %d: %s (stderr %r)' % (
                got, off, reason, srv.err)
        why = kc.check('127.0.0.1', srv.port, acked, 100 - len(lost))
        if why:
            return why
        for k in lost:
            r = srv.client().cmd('GET ' + k)
            if r != b'NOTFOUND':
                return 'damaged key %s answered %r' % (k, r)
        c = srv.client()
        if c.cmd('SET after damage') != b'OK':
            return 'SET after the damage failed'
    finally:
        srv.shutdown()
    with open(acked, 'a') as f:
        f.write('after damage\n')
    srv = Server(path)
    try:
        return kc.check('127.0.0.1', srv.port, acked, 101 - len(lost))
    finally:
        srv.shutdown()


def last_set(recs):
    return [r for r in recs if r[2] == kvlog.OP_SET][-1]


def t_torn_tail(tmp):
    """The last SET record cut in the middle (a torn write): reported as
    torn at its offset, and only its key is gone."""
    def damage(path, recs):
        off, _, _, key, value = last_set(recs)
        os.truncate(path, off + kvlog.HEADER + 3)
        return off, 'torn record (the log ends inside it)', [key.decode()]
    return damaged(tmp, 'torn.log', damage)


def t_bad_crc(tmp):
    """A flipped byte in the value of the 50th key's record: reported as
    a bad CRC at its offset; that key and all later ones are skipped."""
    def damage(path, recs):
        off, _, _, key, _ = [r for r in recs if r[3] == b'd50'][0]
        with open(path, 'r+b') as f:
            f.seek(off + kvlog.HEADER + 4)
            b = f.read(1)
            f.seek(off + kvlog.HEADER + 4)
            f.write(bytes([b[0] ^ 1]))
        return off, 'bad CRC', ['d%d' % i for i in range(50, 100)]
    return damaged(tmp, 'crc.log', damage)


def t_garbage_tail(tmp):
    """Random bytes where the next record would go: reported as bad magic
    at the log's end; nothing is lost."""
    def damage(path, recs):
        end = recs[-1][0] + len(recs[-1][3]) + len(recs[-1][4]) + \
            kvlog.HEADER
        with open(path, 'r+b') as f:
            f.seek(end)
            f.write(os.urandom(1000))
        return end, 'bad magic', []
    return damaged(tmp, 'garbage.log', damage)


def t_stale_record(tmp):
    """After a bad CRC at the 50th key's record, the next commit (one SET)
    overwrites it and the old records after it are still on disk, intact:
    the restart after that stops at the first of them, as left from an
    older log, and the old keys stay gone."""
    path = fresh_log(tmp, 'stale.log')
    srv = Server(path)
    c = srv.client()
    for i in range(100):
        c.cmd('SET s%d value %d' % (i, i))
    srv.shutdown()
    recs = kvlog.records(open(path, 'rb').read())
    off = [r for r in recs if r[3] == b's50'][0][0]
    with open(path, 'r+b') as f:
        f.seek(off + 4)
        f.write(b'\0\0\0\0')
    srv = Server(path)
    if srv.client().cmd('SET new one') != b'OK':
        return 'SET after the damage failed'
    srv.shutdown()
    recs = kvlog.records(open(path, 'rb').read())
    end = recs[-1][0] + kvlog.HEADER + len(recs[-1][4])
    srv = Server(path)
    try:
        got = report_line(srv)
        want = (end, 'left from an older log (out of sequence)')
        if got != want:
            return 'reported %r, expected %r (stderr %r)' % (got, want,
                                                            srv.err)
        c = srv.client()
        for k, want in ((b's49', b'VALUE value 49'), (b'new', b'VALUE one'),
                        (b's50', b'NOTFOUND'), (b's51', b'NOTFOUND'),
                        (b's99', b'NOTFOUND')):
            got = c.cmd(b'GET ' + k)
            if got != want:
                return 'GET %s: %r, expected %r' % (k, got, want)
    finally:
        srv.shutdown()
    return None


def t_torn_commit(tmp):
    """A commit of many records cut in the middle of one of them (not at a
    sector boundary): reported as torn there; the next commit rewrites that
    sector's good part unchanged and goes on from the cut, and a restart
    finds everything acknowledged and nothing to report."""
    path = fresh_log(tmp, 'commit.log')
    srv = Server(path)
    c = srv.client()
    c.sock.sendall(b''.join(b'SET m%d value %d\n' % (i, i) for i in range(40)))
    for i in range(40):
        if c.reply() != b'OK':
            return 'SET m%d failed' % i
    srv.shutdown()
    recs = kvlog.records(open(path, 'rb').read())
    data = [r for r in recs if r[2] == kvlog.OP_SET]
    cut = [r for r in data if r[0] % 512 > 40][-1]
    keep = open(path, 'rb').read()[:cut[0]]
    os.truncate(path, cut[0] + 10)
    srv = Server(path)
    try:
        got = report_line(srv)
        want = (cut[0], 'torn record (the log ends inside it)')
        if got != want:
            return 'reported %r, expected %r' % (got, want)
        if srv.client().cmd('SET after cut') != b'OK':
            return 'SET after the cut failed'
    finally:
        srv.shutdown()
    if open(path, 'rb').read()[:cut[0]] != keep:
        return 'the bytes before the cut changed'
    srv = Server(path)
    try:
        if srv.err:
            return 'unexpected report after the repair: %r' % srv.err
        c = srv.client()
        lost = int(cut[3][1:])
        for i in range(40):
            want = b'VALUE value %d' % i if i < lost else b'NOTFOUND'
            if c.cmd('GET m%d' % i) != want:
                return 'GET m%d is not %r' % (i, want)
        if c.cmd('GET after') != b'VALUE cut':
            return 'the SET after the cut was lost'
    finally:
        srv.shutdown()
    return None


def t_full(tmp):
    """A log capped at 64 KiB (-s) answers "ERR log full" once it is, keeps
    answering GETs, and everything acknowledged comes back."""
    path = fresh_log(tmp, 'full.log')
    srv = Server(path, '-s', '65536')
    c = srv.client()
    ok = 0
    for i in range(1000):
        r = c.cmd('SET f%d %s' % (i, 'x' * 100))
        if r == b'ERR log full':
            break
        if r != b'OK':
            return 'SET answered %r' % r
        ok += 1
    else:
        return 'never full'
    if c.cmd('GET f0') != b'VALUE ' + b'x' * 100:
        return 'GET after the log filled failed'
    srv.shutdown()
    if os.path.getsize(path) > 65536:
        return 'log grew to %d bytes' % os.path.getsize(path)
    srv = Server(path, '-s', '65536')
    try:
        c = srv.client()
        for i in range(ok):
            if c.cmd('GET f%d' % i) != b'VALUE ' + b'x' * 100:
                return 'f%d lost' % i
    finally:
        srv.shutdown()
    return None if ok > 100 else 'only %d SETs fit in 64 KiB' % ok


def t_bad_disk(tmp):
    """A log that cannot be opened is an error naming it, exit status 1."""
    run = subprocess.run([EXE, '-p', str(free_port()), '-d',
                          os.path.join(tmp, 'no', 'such', 'dir')],
                         capture_output=True, text=True, timeout=10)
    if run.returncode != 1 or 'kvstore: log ' not in run.stderr or \
            'No such file or directory' not in run.stderr:
        return 'status %d, stderr %r' % (run.returncode, run.stderr)
    return None


def main():
    try:
        apps_native.build('kvstore')
    except subprocess.CalledProcessError as e:
        print('FAIL: apps/kvstore-native-build: %s' % e)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        check('protocol', t_protocol, tmp)
        check('quit-eof', t_quit_and_eof, tmp)
        check('pipelined', t_pipelined, tmp)
        check('50-clients-restart', t_many_clients, tmp)
        check('kill9-acked-kept', t_kill9, tmp)
        check('torn-tail', t_torn_tail, tmp)
        check('bad-crc', t_bad_crc, tmp)
        check('garbage-tail', t_garbage_tail, tmp)
        check('stale-record', t_stale_record, tmp)
        check('torn-commit', t_torn_commit, tmp)
        check('log-full', t_full, tmp)
        check('bad-disk', t_bad_disk, tmp)
    return apps_native.failed


if __name__ == '__main__':
    sys.exit(main())
