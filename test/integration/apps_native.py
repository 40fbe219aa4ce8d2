#!/usr/bin/env python3
"""apps_native.py: the network appliances (apps/httpd, apps/echo) built
natively with the host's gcc and driven over loopback, until they can run
in the testbed: HTTP semantics and limits, many clients at once, bad
clients not stopping the service, byte-exact echo over TCP and UDP, IPv4
and IPv6. Prints "PASS: apps/NAME" / "FAIL: apps/NAME: why" lines.

The same clients (test/integration/netclient.py) drive the guests in the
testbed from dom0.
"""
import os
import socket
import subprocess
import sys
import threading
import time

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import netclient as nc  # noqa: E402

NATIVE = os.path.join(TOP, 'build', 'native', 'apps')


def build(app):
    src = os.path.join(TOP, 'apps', app)
    exe = os.path.join(NATIVE, os.path.basename(app))
    os.makedirs(NATIVE, exist_ok=True)
    cs = sorted(os.path.join(src, f) for f in os.listdir(src)
                if f.endswith('.c'))
    subprocess.run(['gcc', '-O2', '-g', '-Wall', '-Wextra', '-Werror'] + cs +
                   ['-o', exe], check=True)
    return exe


def free_port():
    s = socket.socket()
    s.bind(('127.0.0.1', 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Server:
    """A native app on a free port, its stdout collected."""

    def __init__(self, exe, *args):
        self.port = free_port()
        self.proc = subprocess.Popen([exe, '-p', str(self.port)] + list(args),
                                     stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True)
        self.lines = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        nc.wait_listening('127.0.0.1', self.port, 10)

    def _read(self):
        for line in self.proc.stdout:
            self.lines.append(line.rstrip('\n'))

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
        self.proc.wait(10)
        self.reader.join(5)


failed = 0


def check(name, fn, *args):
    global failed
    try:
        why = fn(*args)
    except Exception as e:  # a test's own failure, said as one line
        why = '%s: %s' % (type(e).__name__, e)
    if why:
        failed = 1
        print('FAIL: apps/%s: %s' % (name, why), flush=True)
    else:
        print('PASS: apps/%s' % name, flush=True)


def t_httpd_basics(srv):
    index = open(os.path.join(TOP, 'apps/httpd/www/index.html'), 'rb').read()
    why = nc.http_checks('127.0.0.1', srv.port, index)
    if why:
        return why
    return nc.http_checks('::1', srv.port, index)


def t_httpd_big(srv):
    return nc.big_sha256('127.0.0.1', srv.port)


def t_httpd_parallel(srv):
    return nc.parallel_keepalive('127.0.0.1', srv.port, clients=100,
                                 requests=10)


def t_httpd_errors(srv):
    why = nc.http_error_checks('127.0.0.1', srv.port)
    return why or nc.http_checks('127.0.0.1', srv.port)


def t_httpd_half_open(srv):
    return nc.half_open_then_good('127.0.0.1', srv.port, count=300)


def t_httpd_log(srv):
    before = len(srv.lines)
    nc.http_get('127.0.0.1', srv.port, '/style.css?x=1')
    deadline = time.time() + 5
    while time.time() < deadline and len(srv.lines) == before:
        time.sleep(0.05)
    new = srv.lines[before:]
    if len(new) != 1 or '"GET /style.css?x=1 HTTP/1.1" 200 ' not in new[0]:
        return 'expected one log line for the request, got %r' % new
    return None


def t_httpd_quiet_count(exe):
    srv = Server(exe, '-q', '-n', '3')
    for _ in range(3):
        nc.http_get('127.0.0.1', srv.port, '/')
    try:
        srv.proc.wait(10)
    except subprocess.TimeoutExpired:
        srv.stop()
        return 'still running after 3 requests with -n 3'
    srv.reader.join(5)
    if srv.proc.returncode != 0:
        return 'exit status %d' % srv.proc.returncode
    if any('"GET' in line for line in srv.lines):
        return '-q still logged requests: %r' % srv.lines
    return None


def t_echo_tcp(srv):
    for host in ('127.0.0.1', '::1'):
        why = nc.echo_tcp(host, srv.port, 1 << 20)
        if why:
            return why
    return None


def t_echo_tcp_many(srv):
    errors = []

    def one():
        why = nc.echo_tcp('127.0.0.1', srv.port, 64 << 10)
        if why:
            errors.append(why)
    threads = [threading.Thread(target=one) for _ in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return errors[0] if errors else None


def t_echo_udp(srv):
    for host in ('127.0.0.1', '::1'):
        why = nc.echo_udp(host, srv.port, 1 << 20)
        if why:
            return why
    return None


def t_echo_log(srv):
    closed = [x for x in srv.lines if x.startswith('echo: tcp ') and
              ' closed after ' in x]
    if not any(' closed after 1048576 bytes' in x for x in closed):
        return 'no log line for a 1 MiB connection: %r' % srv.lines[-5:]
    return None


def t_netclient(exe):
    port = free_port()
    server = threading.Thread(target=nc.serve_line, args=(port, 30))
    server.start()
    run = subprocess.run([exe, 'localhost', str(port)], capture_output=True,
                         text=True, timeout=60)
    server.join(30)
    out = run.stdout.splitlines()
    if run.returncode != 0:
        return 'exit status %d: %r' % (run.returncode, out)
    if not any(x in ('netclient: localhost is 127.0.0.1',
                     'netclient: localhost is ::1') for x in out):
        return 'no address line for localhost: %r' % out
    want = 'netclient: the server said: hello from dom0, you said: ' \
        'hello from netclient'
    return None if want in out else 'no answer line: %r' % out


def main():
    try:
        httpd, echo = build('httpd'), build('echo')
        netclient = build('tests/netclient')
    except subprocess.CalledProcessError as e:
        print('FAIL: apps/native-build: %s' % e)
        return 1
    srv = Server(httpd)
    try:
        check('httpd-get-head', t_httpd_basics, srv)
        check('httpd-big-sha256', t_httpd_big, srv)
        check('httpd-100-parallel-keepalive', t_httpd_parallel, srv)
        check('httpd-errors', t_httpd_errors, srv)
        check('httpd-half-open', t_httpd_half_open, srv)
        check('httpd-log-line', t_httpd_log, srv)
        if srv.proc.poll() is not None:
            check('httpd-alive', lambda: 'httpd exited with status %d'
                  % srv.proc.returncode)
    finally:
        srv.stop()
    check('httpd-quiet-count', t_httpd_quiet_count, httpd)
    srv = Server(echo)
    try:
        check('echo-tcp-1mib', t_echo_tcp, srv)
        check('echo-tcp-50-clients', t_echo_tcp_many, srv)
        check('echo-udp-1mib', t_echo_udp, srv)
        check('echo-log-line', t_echo_log, srv)
    finally:
        srv.stop()
    check('netclient-resolve-connect', t_netclient, netclient)
    return failed


if __name__ == '__main__':
    sys.exit(main())
