# dom0 side of the netdev test: once the guest's vif is Connected, send
# it raw frames on its backend interface (vif$DOMID.0) through an
# AF_PACKET socket - every size from 60 to 1514 bytes, a burst of more
# frames than the rx ring holds, and jumbo frames that span several
# ring slots each way - and check that every echo is the frame sent,
# with the Ethernet addresses swapped, byte for byte. Then send the stop
# frame and check that the guest left its vif Closed.
fe=/local/domain/$DOMID/device/vif/0
be=/local/domain/0/backend/vif/$DOMID/0
vif=vif$DOMID.0
wait_for() { # a command to retry for up to 60 s
	for _ in $(seq 1200); do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.05
	done
	echo "timed out waiting for: $*"
	return 1
}
state_is() { [ "$(xenstore-read "$1/state" 2>/dev/null)" = "$2" ]; }
wait_for state_is "$fe" 4 || exit 1
wait_for state_is "$be" 4 || exit 1
for key in feature-sg feature-gso-tcpv4 feature-gso-tcpv6 \
	feature-no-csum-offload feature-ipv6-csum-offload feature-rx-copy \
	feature-split-event-channels multi-queue-max-queues; do
	echo "backend $key=$(xenstore-read "$be/$key" 2>/dev/null || echo absent)"
done
ip link set "$vif" txqueuelen 2000
python3 - "$vif" "$(xenstore-read "$fe/mac")" <<'PY'
import os, socket, sys, time

ifname, guest_mac = sys.argv[1], bytes.fromhex(sys.argv[2].replace(':', ''))
ETH_P = 0x88b5
OUR_MAC = bytes.fromhex('025065747201')
PACKET_OUTGOING = 4
# ETH_P_ALL: a tap sees the guest's frames before the bridge takes them.
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))
s.bind((ifname, 3))
s.setsockopt(socket.SOL_SOCKET, 33, 16 << 20)  # SO_RCVBUFFORCE
s.setsockopt(socket.SOL_SOCKET, 32, 4 << 20)   # SO_SNDBUFFORCE
seq = 0


def frame(size):
    global seq
    seq += 1
    head = guest_mac + OUR_MAC + ETH_P.to_bytes(2, 'big')
    body = seq.to_bytes(4, 'big') + os.urandom(size - 18)
    return seq, head + body


def echo_of(f):
    return f[6:12] + f[0:6] + f[12:]


def send(f):
    for _ in range(2000):
        try:
            s.send(f)
            return
        except OSError as e:  # ENOBUFS: the queue to netback is full
            if e.errno != 105:
                raise
            time.sleep(0.002)
    raise RuntimeError('could not send')


def collect(expected, timeout):
    """Receive echoes until every expected seq is seen; returns the
    number that matched byte for byte."""
    good, bad = 0, 0
    deadline = time.time() + timeout
    while expected and time.time() < deadline:
        s.settimeout(max(0.01, deadline - time.time()))
        try:
            data, addr = s.recvfrom(65536)
        except socket.timeout:
            break
        if addr[2] == PACKET_OUTGOING or len(data) < 18 or \
                data[12:14] != ETH_P.to_bytes(2, 'big'):
            continue
        n = int.from_bytes(data[14:18], 'big')
        want = expected.pop(n, None)
        if want is None:
            continue
        if data == echo_of(want):
            good += 1
        else:
            bad += 1
            print('mismatch: seq %d, %d bytes sent, %d back' %
                  (n, len(want), len(data)))
    if expected:
        print('missing: %d echo(es), e.g. seq %s' %
              (len(expected), sorted(expected)[:5]))
    return good, bad + len(expected)


def run(name, sizes, window, timeout=60):
    good = bad = 0
    for i in range(0, len(sizes), window):
        expected = {}
        for size in sizes[i:i + window]:
            n, f = frame(size)
            expected[n] = f
            send(f)
        g, b = collect(expected, timeout)
        good, bad = good + g, bad + b
        if b:
            break
    print('%s: %d frames, %d identical echoes, %d bad or missing' %
          (name, len(sizes), good, bad))
    return bad == 0


ok = run('sizes 60..1514', list(range(60, 1515)), 16, 20)
ok = ok and run('burst of 600', [60 + (i * 97) % 1455 for i in range(600)], 600)
os.system('ip link set %s mtu 9000' % ifname) if ok else None
jumbo = [1515, 2048, 4095, 4096, 4097, 8192, 9014] * 3
ok = ok and run('jumbo 1515..9014', jumbo, 7)
stop = guest_mac + OUR_MAC + ETH_P.to_bytes(2, 'big') + \
    b'PETREL-NETDEV-STOP' + bytes(28)
send(stop)
print('stop sent')
sys.exit(0 if ok else 1)
PY
[ $? -eq 0 ] || { ip -s link show "$vif"; exit 1; }
# The guest closes its vif and exits; the domain stays until we are done.
if wait_for state_is "$fe" 6; then
	echo "frontend state after exit: 6"
else
	echo "frontend state after exit: $(xenstore-read "$fe/state" 2>&1)"
	exit 1
fi
echo "backend state after exit: $(xenstore-read "$be/state" 2>&1)"
