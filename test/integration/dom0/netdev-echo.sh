# dom0 side of the netdev test: once the guest's vif is Connected, send
# it raw frames on its backend interface (vif$DOMID.0) through an
# AF_PACKET socket - every size from 60 to 1514 bytes, a burst of more
# frames than the rx ring holds, jumbo frames that span several ring
# slots each way, UDP from dom0's stack with its checksum left blank,
# and GSO TCP segments - and check that every echo is the frame sent,
# with the Ethernet addresses swapped, byte for byte, with the same
# checksum state and GSO size. Then send the stop frame and check that
# the guest left its vif Closed.
fe=/local/domain/$DOMID/device/vif/0
be=/local/domain/0/backend/vif/$DOMID/0
vif=vif$DOMID.0
. ./dom0-lib.sh
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
import os, socket, struct, sys, time

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


def ones_sum(b):
    if len(b) % 2:
        b += b'\0'
    t = sum(int.from_bytes(b[i:i + 2], 'big') for i in range(0, len(b), 2))
    while t >> 16:
        t = (t & 0xffff) + (t >> 16)
    return t


def pseudo_sum_is_in_field(f):
    """Linux's (and netback's) csum_blank convention: the UDP checksum
    field holds the IPv4 pseudo-header sum, not inverted."""
    ip, udp = f[14:34], f[34:]
    pseudo = ip[12:20] + bytes([0, 17]) + udp[4:6]
    return int.from_bytes(udp[6:8], 'big') == ones_sum(pseudo)


def udp_roundtrip(count=5):
    """dom0's own stack sends UDP to the guest's MAC; checksum offload
    leaves it csum_blank (TP_STATUS_CSUMNOTREADY at our tap), the guest
    gets NETRXF_csum_blank and echoes it with NETTXF_csum_blank, so the
    echo must come back still blank and otherwise identical."""
    s.setsockopt(263, 8, 1)  # SOL_PACKET, PACKET_AUXDATA
    os.system('ip neigh replace %s lladdr %s dev xenbr0 nud permanent' %
              (FAKE_IP, sys.argv[2]))
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    for i in range(count):
        u.sendto(b'petrel-csum-%d-' % i + os.urandom(64 + i), (FAKE_IP, 7))
    out, back = {}, {}
    deadline = time.time() + 20
    while len(back) < count and time.time() < deadline:
        s.settimeout(max(0.01, deadline - time.time()))
        try:
            data, anc, _, addr = s.recvmsg(65536, socket.CMSG_SPACE(20))
        except socket.timeout:
            break
        if data[12:14] != b'\x08\x00' or data[23] != 17 or \
                not data[42:].startswith(b'petrel-csum-'):
            continue
        status = [int.from_bytes(c[2][:4], 'little') for c in anc
                  if c[0] == 263 and c[1] == 8]
        blank = bool(status and status[0] & 8)  # TP_STATUS_CSUMNOTREADY
        # The first of each: were dom0 to forward the echo to the
        # guest again, later copies would differ in their TTL.
        (out if addr[2] == PACKET_OUTGOING else back).setdefault(
            data[42:], (data, blank))
    good = sum(1 for k, (f, blank) in out.items()
               if k in back and back[k] == (echo_of(f), blank))
    blanks = sum(1 for f, blank in out.values() if blank)
    pseudo = sum(1 for f, blank in out.values()
                 if blank and pseudo_sum_is_in_field(f))
    print('udp csum: %d sent, %d identical echoes with the same csum state, '
          '%d sent csum-blank, %d of them with the pseudo-header sum' %
          (count, good, blanks, pseudo))
    return good == count


def tcp_segment(i, size):
    """An Ethernet/IPv4/TCP frame to the guest, checksum left blank."""
    data = b'petrel-gso-%04d-' % i + os.urandom(size)
    src, dst = socket.inet_aton('198.18.0.1'), socket.inet_aton(FAKE_IP)
    ip = bytearray(struct.pack('!BBHHHBBH4s4s', 0x45, 0, 40 + len(data), i,
                               0x4000, 64, 6, 0, src, dst))
    ip[10:12] = (0xffff - ones_sum(bytes(ip))).to_bytes(2, 'big')
    pseudo = src + dst + bytes([0, 6]) + (20 + len(data)).to_bytes(2, 'big')
    tcp = struct.pack('!HHIIBBHHH', 40000, 7, i * 100000, 0, 5 << 4, 0x18,
                      65535, ones_sum(pseudo), 0)
    return guest_mac + OUR_MAC + b'\x08\x00' + bytes(ip) + tcp + data


def gso_roundtrip(count=3, size=20000, mss=1448):
    """dom0 hands the guest TCP segments far larger than the MTU (GSO
    skbs, through PACKET_VNET_HDR): netback passes each whole, over
    several slots with a GSO extra slot; the guest echoes it as GSO (its
    own extra slot on tx), and our tap must see each echo as the same
    GSO segment, with the same MSS, byte for byte."""
    g = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))
    g.setsockopt(263, 15, 1)  # PACKET_VNET_HDR
    g.setsockopt(socket.SOL_SOCKET, 33, 16 << 20)
    g.bind((ifname, 3))
    sent, back = {}, {}
    for i in range(count):
        f = tcp_segment(i, size)
        # flags NEEDS_CSUM, gso TCPV4, hdr_len, gso_size, csum_start/offset
        g.send(struct.pack('<BBHHHH', 1, 1, 54, mss, 34, 16) + f)
        sent[f[54:70]] = f
    deadline = time.time() + 20
    while len(back) < count and time.time() < deadline:
        g.settimeout(max(0.01, deadline - time.time()))
        try:
            data, addr = g.recvfrom(70000)
        except socket.timeout:
            break
        hdr, f = struct.unpack('<BBHHHH', data[:10]), data[10:]
        if addr[2] != PACKET_OUTGOING and f[54:70] in sent:
            back.setdefault(f[54:70], (f, hdr[1], hdr[3]))
    good = sum(1 for k, f in sent.items()
               if back.get(k) == (echo_of(f), 1, mss))
    print('gso tcpv4: %d segments of %d bytes sent, %d identical echoes as '
          'GSO with MSS %d' % (count, len(f), good, mss))
    for k, (f, gso_type, gso_size) in back.items():
        if (f, gso_type, gso_size) != (echo_of(sent[k]), 1, mss):
            print('gso echo differs: %d bytes, gso type %d size %d' %
                  (len(f), gso_type, gso_size))
    return good == count


FAKE_IP = '198.18.0.250'
ok = ok and udp_roundtrip()
ok = ok and gso_roundtrip()
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
