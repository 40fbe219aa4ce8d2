# echo.sh: dom0 side of the TCP echo benchmark (bench/net.py), the same for
# a Petrel and a Linux guest running apps/echo: RUNS times, MB MiB of random
# bytes go to the guest's TCP echo service and come back (netclient.py's
# echo client: one thread sends then half-closes, the other reads), timed
# from connect to the last byte back, and checked. The guest runs
# echo -n RUNS+1 (one connection is the wait).
# Prints "bench: ..." lines that bench/net.py reads.
RUNS=${RUNS:-5} MB=${MB:-16}
python3 netclient.py wait "$GUEST_IP" 7 90 || exit 1
python3 - "$GUEST_IP" "$MB" "$RUNS" <<'PY'
import os
import sys
import time

import netclient

host, mb, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
data = os.urandom(mb << 20)
for run in range(1, runs + 1):
    t0 = time.monotonic()
    got = netclient.echo_tcp_data(host, 7, data)
    secs = time.monotonic() - t0
    if got != data:
        print('bench: echo run %d failed: %d bytes back of %d%s' % (
            run, len(got), len(data),
            ', identical so far' if data.startswith(got) else ''), flush=True)
    else:
        print('bench: echo run %d MBps %.2f' % (run, len(data) / secs / 1e6),
              flush=True)
PY
