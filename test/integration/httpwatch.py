#!/usr/bin/env python3
"""httpwatch.py: watch an HTTP service across disruptions (save/restore,
migration), from dom0. Standard library only.

  httpwatch.py watch HOST PORT LOG STOPFILE
      GET / on a new connection every 50 ms (1 s timeout) until STOPFILE
      exists; one line per request in LOG: "TIME ok|wrong|error WHY".
      The first good answer's body is the reference: a later 200 with
      another body is "wrong". A keep-alive connection is exercised too,
      and whether it lived through everything is logged at the end.
  httpwatch.py report LOG MARKS LIMIT
      MARKS has lines "NAME START END" (times as from `date +%s.%N`):
      for each, the downtime (the longest time without a good answer,
      between the last one before START and the first one after END)
      and how long after END answers came back. Prints "ok: NAME ..." or "FAIL: NAME: why"
      per mark (FAIL when answers took over LIMIT seconds to come back
      after END), "FAIL: wrong answers ..." if any, and exits 1 on any
      FAIL.
"""
import os
import socket
import sys
import threading
import time

PERIOD, TIMEOUT = 0.05, 1.0


def get(host, port, sock=None):
    """Status and body of GET /; on sock (keep-alive) when given."""
    own = sock is None
    s = sock or socket.create_connection((host, port), timeout=TIMEOUT)
    try:
        s.sendall(b'GET / HTTP/1.1\r\nHost: petrel\r\n%s\r\n'
                  % (b'Connection: close\r\n' if own else b''))
        buf = b''
        while b'\r\n\r\n' not in buf:
            data = s.recv(65536)
            if not data:
                raise ConnectionError('closed before the header')
            buf += data
        head, body = buf.split(b'\r\n\r\n', 1)
        lines = head.decode('latin-1').split('\r\n')
        status = int(lines[0].split()[1])
        length = 0
        for line in lines[1:]:
            name, _, value = line.partition(':')
            if name.strip().lower() == 'content-length':
                length = int(value)
        while len(body) < length:
            data = s.recv(65536)
            if not data:
                raise ConnectionError('closed in the body')
            body += data
        return status, body[:length]
    finally:
        if own:
            s.close()


def keepalive(host, port, stop, result):
    """One connection, a request every 200 ms, for as long as it lives."""
    try:
        # Long enough to outlast a save and restore under emulation.
        s = socket.create_connection((host, port), timeout=120)
        while not stop.is_set():
            status, _ = get(host, port, s)
            if status != 200:
                raise ConnectionError('status %d' % status)
            result['requests'] = result.get('requests', 0) + 1
            time.sleep(0.2)
        result['alive'] = True
    except Exception as e:
        result['alive'] = False
        result['why'] = '%s: %s' % (type(e).__name__, e)


def watch(host, port, log, stopfile):
    reference = None
    stop, ka = threading.Event(), {}
    t = threading.Thread(target=keepalive, args=(host, port, stop, ka))
    t.start()
    with open(log, 'w') as out:
        while not os.path.exists(stopfile):
            now = time.time()
            try:
                status, body = get(host, port)
                if status == 200 and reference is None:
                    reference = body
                verdict = 'ok' if status == 200 and body == reference \
                    else 'wrong status %d, %d bytes' % (status, len(body))
            except Exception as e:
                verdict = 'error %s' % type(e).__name__
            out.write('%.3f %s\n' % (now, verdict))
            out.flush()
            time.sleep(max(0.0, PERIOD - (time.time() - now)))
        stop.set()
        t.join(125)
        out.write('keepalive %s %d %s\n' % (
            'alive' if ka.get('alive') else 'broken', ka.get('requests', 0),
            ka.get('why', '')))
    return 0


def report(log, marks, limit):
    samples, keep = [], ''
    for line in open(log):
        if line.startswith('keepalive'):
            keep = line.strip()
            continue
        t, verdict = line.split(' ', 1)
        samples.append((float(t), verdict.strip()))
    failed = False
    wrong = [s for s in samples if s[1].startswith('wrong')]
    if wrong:
        print('FAIL: wrong answers: %d, first at %.3f: %s'
              % (len(wrong), wrong[0][0], wrong[0][1]))
        failed = True
    oks = [t for t, v in samples if v == 'ok']
    for line in open(marks):
        name, start, end = line.split()
        start, end = float(start), float(end)
        after = next((t for t in oks if t >= end), None)
        if after is None:
            print('FAIL: %s: no good answer after it' % name)
            failed = True
            continue
        # The outage: the longest time without a good answer, from the
        # last one before it began to the first one after it ended.
        first = max([t for t in oks if t < start] or [start])
        window = [t for t in oks if first <= t <= after]
        last_good, first_good = max(zip(window, window[1:]),
                                    key=lambda g: g[1] - g[0],
                                    default=(first, after))
        back = after - end
        what = ('%s: downtime %.2f s (from %.2f s after it began; answers '
                'back %.2f s after it ended; %d requests failed)'
                % (name, first_good - last_good, last_good - start, back,
                   sum(1 for t, v in samples
                       if start <= t < after and v != 'ok')))
        if back > limit:
            print('FAIL: %s; over %.1f s' % (what, limit))
            failed = True
        else:
            print('ok: ' + what)
    print('requests: %d, %s' % (len(samples), keep))
    return 1 if failed else 0


def main(argv):
    if len(argv) == 6 and argv[1] == 'watch':
        return watch(argv[2], int(argv[3]), argv[4], argv[5])
    if len(argv) == 5 and argv[1] == 'report':
        return report(argv[2], argv[3], float(argv[4]))
    print('usage: httpwatch.py watch HOST PORT LOG STOPFILE\n'
          '       httpwatch.py report LOG MARKS LIMIT', file=sys.stderr)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv))
