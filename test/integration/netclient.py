#!/usr/bin/env python3
"""netclient.py: clients that check the network appliances (apps/httpd,
apps/echo) from outside: natively on the host (apps_native.py) and from
dom0 in the testbed (suite.py ships this file with the job; dom0 runs
`python3 netclient.py CHECK HOST PORT`, which prints "ok: CHECK ..." or
"FAIL: CHECK: why" and exits 0 or 1). Standard library only.

Each check returns None when it passed, else why it failed.
"""
import hashlib
import os
import socket
import struct
import sys
import threading
import time

TIMEOUT = 30
BIG_PATH, BIG_SIZE = '/big.bin', 1 << 20


def connect(host, port, timeout=TIMEOUT):
    return socket.create_connection((host, port), timeout=timeout)


def wait_listening(host, port, seconds):
    """Connect until it works (the server is starting)."""
    deadline = time.time() + seconds
    while True:
        try:
            connect(host, port, 2).close()
            return
        except OSError:
            if time.time() > deadline:
                raise
            time.sleep(0.1)


class Reader:
    """Buffered reads of HTTP responses from one socket."""

    def __init__(self, sock):
        self.sock, self.buf = sock, b''

    def _more(self):
        data = self.sock.recv(65536)
        if not data:
            raise EOFError('connection closed mid-response')
        self.buf += data

    def response(self, head_only=False):
        """(status, {lowercase name: value}, body)."""
        while b'\r\n\r\n' not in self.buf:
            self._more()
        head, self.buf = self.buf.split(b'\r\n\r\n', 1)
        lines = head.decode('latin-1').split('\r\n')
        status = int(lines[0].split()[1])
        headers = {}
        for line in lines[1:]:
            name, value = line.split(':', 1)
            headers[name.strip().lower()] = value.strip()
        n = 0 if head_only else int(headers.get('content-length', '0'))
        while len(self.buf) < n:
            self._more()
        body, self.buf = self.buf[:n], self.buf[n:]
        return status, headers, body

    def closed(self, seconds=10):
        """None once the server closed cleanly (FIN, nothing more sent),
        else what happened instead."""
        self.sock.settimeout(seconds)
        try:
            while True:
                data = self.sock.recv(65536)
                if not data:
                    return None if not self.buf else \
                        'unexpected bytes after the response: %r' % \
                        self.buf[:60]
                self.buf += data
        except socket.timeout:
            return 'the server did not close the connection'
        except ConnectionResetError:
            return 'the server reset the connection instead of closing it'


def request(path, method='GET', extra='', version='1.1'):
    return ('%s %s HTTP/%s\r\nHost: petrel\r\n%s\r\n'
            % (method, path, version, extra)).encode()


def http_get(host, port, path):
    with connect(host, port) as s:
        s.sendall(request(path, extra='Connection: close\r\n'))
        return Reader(s).response()


def big_expected():
    out = bytearray()
    mask = (1 << 64) - 1
    for k in range(BIG_SIZE // 8):
        z = ((k + 1) * 0x9e3779b97f4a7c15) & mask
        z = ((z ^ (z >> 30)) * 0xbf58476d1ce4e5b9) & mask
        z = ((z ^ (z >> 27)) * 0x94d049bb133111eb) & mask
        out += struct.pack('<Q', z ^ (z >> 31))
    return hashlib.sha256(out).hexdigest()


def big_sha256(host, port):
    status, headers, body = http_get(host, port, BIG_PATH)
    if status != 200 or len(body) != BIG_SIZE:
        return 'GET %s: status %d, %d bytes' % (BIG_PATH, status, len(body))
    got, want = hashlib.sha256(body).hexdigest(), big_expected()
    if got != want:
        return 'sha256 of %s is %s, expected %s' % (BIG_PATH, got, want)
    return None


def http_checks(host, port, index=None):
    """GET and HEAD, keep-alive, pipelining, 404, HTTP/1.0 closing."""
    with connect(host, port) as s:
        r = Reader(s)
        s.sendall(request('/'))
        status, headers, body = r.response()
        if status != 200 or (index is not None and body != index):
            return 'GET /: status %d, body %r...' % (status, body[:40])
        if headers.get('connection') != 'keep-alive':
            return 'GET / over HTTP/1.1: Connection: %r' % \
                headers.get('connection')
        s.sendall(request('/', 'HEAD'))
        hs, hh, _ = r.response(head_only=True)
        if hs != 200 or hh.get('content-length') != str(len(body)):
            return 'HEAD /: status %d, Content-Length %r for %d bytes' % (
                hs, hh.get('content-length'), len(body))
        # Three requests in one write, answered in order on one connection.
        s.sendall(request('/nope') + request('/') + request('/style.css'))
        got = [r.response()[0] for _ in range(3)]
        if got != [404, 200, 200]:
            return 'pipelined /nope, /, /style.css: statuses %r' % got
    with connect(host, port) as s:
        r = Reader(s)
        s.sendall(request('/', version='1.0'))
        status, headers, _ = r.response()
        if status != 200 or headers.get('connection') != 'close':
            return 'HTTP/1.0 GET: status %d, Connection %r' % (
                status, headers.get('connection'))
        return r.closed()


def _status_then_close(host, port, raw, want, what):
    with connect(host, port) as s:
        sender = threading.Thread(target=_send_quietly, args=(s, raw))
        sender.start()
        r = Reader(s)
        try:
            status, _, _ = r.response()
        except (EOFError, ConnectionResetError) as e:
            sender.join(TIMEOUT)
            return '%s: no response (%s)' % (what, e)
        why = r.closed()
        sender.join(TIMEOUT)
    if status != want:
        return '%s: status %d, expected %d' % (what, status, want)
    return '%s: %s' % (what, why) if why else None


def _send_quietly(sock, data):
    try:
        sock.sendall(data)
    except OSError:
        pass  # the server may close before taking it all


def http_error_checks(host, port):
    """Bad requests get their status, then a clean close."""
    cases = [
        (b'\x16\x03\x01\x02\x00garbage\r\n\r\n', 400, 'binary garbage'),
        (b'GET / HTTP/1.1\r\n\r\n', 400, 'no Host header'),
        (b'GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n', 400,
         'a header without a colon'),
        (request('/' + 'a' * 3000), 414, 'a 3000-byte target'),
        (request('/', extra='X-Big: %s\r\n' % ('b' * (1 << 20))), 431,
         'a 1 MiB header'),
        (request('/', extra='Content-Length: 10000000\r\n'), 413,
         'a 10 MB body'),
        (request('/', extra='Transfer-Encoding: chunked\r\n'), 501,
         'a chunked body'),
        (b'GET / HTTP/2.0\r\nHost: x\r\n\r\n', 505, 'HTTP/2.0'),
    ]
    for raw, want, what in cases:
        why = _status_then_close(host, port, raw, want, what)
        if why:
            return why
    # A request body within the limit is read and skipped; keep-alive stays.
    with connect(host, port) as s:
        r = Reader(s)
        s.sendall(request('/', 'POST', 'Content-Length: 5\r\n') + b'hello' +
                  request('/'))
        got = [r.response()[0] for _ in range(2)]
        if got != [405, 200]:
            return 'POST with a body, then GET: statuses %r' % got
    return None


def parallel_keepalive(host, port, clients=100, requests=10):
    """clients connections at once, each with requests GETs of /."""
    errors, done = [], []
    start = threading.Barrier(clients)

    def client():
        try:
            with connect(host, port) as s:
                start.wait(TIMEOUT)
                r = Reader(s)
                for _ in range(requests):
                    s.sendall(request('/'))
                    status, _, body = r.response()
                    if status != 200 or not body:
                        errors.append('status %d' % status)
                        return
                    done.append(1)
        except Exception as e:
            errors.append('%s: %s' % (type(e).__name__, e))
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(TIMEOUT * 4)
    if errors or len(done) != clients * requests:
        return '%d of %d requests answered; first error: %s' % (
            len(done), clients * requests, errors[0] if errors else 'none')
    return None


def half_open_then_good(host, port, count=300):
    """count connections that never finish a request (half of them send
    nothing, half an unfinished head), then a good request is served."""
    socks = []
    t0 = time.time()
    try:
        for i in range(count):
            try:
                s = connect(host, port)
                if i % 2:
                    s.sendall(b'GET / HT')
            except OSError as e:
                return 'half-open connection %d of %d, %.1f s in: %s: %s' % (
                    i + 1, count, time.time() - t0, type(e).__name__, e)
            socks.append(s)
        t1 = time.time()
        try:
            status, _, _ = http_get(host, port, '/')
        except OSError as e:
            return ('GET / with %d half-open connections (opened in %.1f s),'
                    ' %.1f s in: %s: %s' % (count, t1 - t0, time.time() - t1,
                                            type(e).__name__, e))
        if status != 200:
            return 'GET / with %d half-open connections: status %d' % (
                count, status)
    finally:
        for s in socks:
            s.close()
    return None


def echo_tcp(host, port, size, rcvbuf=None):
    data = os.urandom(size)
    got = echo_tcp_data(host, port, data, rcvbuf)
    if got != data:
        return 'tcp echo via %s: %d bytes back of %d, %s' % (
            host, len(got), size,
            'identical so far' if data.startswith(got) else 'different')
    return None


def connect_with_rcvbuf(host, port, rcvbuf):
    """A connection whose receive buffer (so the window we offer) is
    rcvbuf bytes, set before the handshake as the window scale is."""
    family = socket.AF_INET6 if ':' in host else socket.AF_INET
    s = socket.socket(family, socket.SOCK_STREAM)
    s.settimeout(TIMEOUT)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    s.connect((host, port))
    return s


def echo_tcp_data(host, port, data, rcvbuf=None):
    """Send data to a TCP echo service (then half-close); what came back.
    rcvbuf: a small receive buffer, so the guest's large (TSO) segments,
    the last one with its FIN, must be cut to fit our window."""
    with (connect_with_rcvbuf(host, port, rcvbuf) if rcvbuf else
          connect(host, port)) as s:
        def send():
            s.sendall(data)
            s.shutdown(socket.SHUT_WR)
        sender = threading.Thread(target=send)
        sender.start()
        got = bytearray()
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            got += chunk
        sender.join(TIMEOUT)
    return bytes(got)


def echo_udp(host, port, size, chunk=1024):
    """size random bytes in numbered datagrams, one at a time, each sent
    again until it comes back (UDP may drop)."""
    data = os.urandom(size)
    family = socket.AF_INET6 if ':' in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_DGRAM) as s:
        s.settimeout(0.5)
        s.connect((host, port))
        got = bytearray()
        for seq, off in enumerate(range(0, size, chunk)):
            msg = struct.pack('>I', seq) + data[off:off + chunk]
            for _ in range(20):
                s.send(msg)
                try:
                    while True:
                        back = s.recv(65536)
                        if back[:4] == msg[:4]:
                            break
                except socket.timeout:
                    continue
                if back != msg:
                    return 'udp datagram %d came back changed' % seq
                got += back[4:]
                break
            else:
                return 'udp datagram %d never came back' % seq
    return None if bytes(got) == data else 'udp echo differs'


def serve_line(port, seconds=120):
    """Answer one TCP client (IPv4 or IPv6, on every address): read a line,
    send back "hello from dom0, you said: LINE". Returns (peer, line)."""
    srv = socket.create_server(('', port), family=socket.AF_INET6,
                               dualstack_ipv6=True)
    srv.settimeout(seconds)
    with srv:
        conn, peer = srv.accept()
    with conn:
        conn.settimeout(TIMEOUT)
        data = b''
        while b'\n' not in data:
            chunk = conn.recv(4096)
            if not chunk:
                break
            data += chunk
        line = data.split(b'\n')[0].decode(errors='replace')
        conn.sendall(('hello from dom0, you said: %s\n' % line).encode())
    return peer[0], line


CHECKS = {
    'http': http_checks,
    'big': big_sha256,
    'parallel': parallel_keepalive,
    'errors': http_error_checks,
    # 150: fewer than the guest's file descriptors (256), so that every one
    # is accepted; natively apps_native.py also goes past httpd's limit.
    'halfopen': lambda h, p: half_open_then_good(h, p, 150),
    'echo-tcp': lambda h, p: echo_tcp(h, p, 1 << 20),
    'echo-tcp-small-window': lambda h, p: echo_tcp(h, p, 256 << 10, 4096),
    'echo-udp': lambda h, p: echo_udp(h, p, 1 << 20),
}


def main(argv):
    if (len(argv) < 4 or argv[1] not in CHECKS and argv[1] != 'wait') and \
            not (argv[1:2] == ['serve-line'] and len(argv) == 3):
        print('usage: netclient.py wait|%s HOST PORT [SECONDS]\n'
              '       netclient.py serve-line PORT' % '|'.join(CHECKS),
              file=sys.stderr)
        return 2
    if argv[1:2] == ['serve-line'] and len(argv) == 3:
        peer, line = serve_line(int(argv[2]))
        print('serve-line: %s said %r' % (peer, line), flush=True)
        return 0
    name, host, port = argv[1], argv[2], int(argv[3])
    t0 = time.time()
    try:
        if name == 'wait':
            wait_listening(host, port, float(argv[4]) if len(argv) > 4
                           else 60)
            why = None
        else:
            why = CHECKS[name](host, port)
    except Exception as e:
        why = '%s: %s' % (type(e).__name__, e)
    if why:
        print('FAIL: %s: %s' % (name, why), flush=True)
        return 1
    print('ok: %s %s port %d (%.1f s)' % (name, host, port, time.time() - t0),
          flush=True)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
