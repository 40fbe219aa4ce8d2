# net-echo.sh: dom0 side of the net-echo test: 1 MiB of random bytes comes back identical
# from the guest's echo service over TCP and UDP, IPv4 and IPv6, and 256 KiB over TCP
# through a 4 KiB receive window (the guest must cut its TSO segments to fit, the last
# one with its FIN). The guest runs echo -n 4: it exits after four TCP connections (the
# wait, the two 1 MiB ones and the small-window one).
python3 netclient.py wait "$GUEST_IP" 7 90 || exit 1
for _ in $(seq 30); do
	ping -6 -c 1 -W 2 "$GUEST_IP6" >/dev/null 2>&1 && break
	sleep 1
done
python3 netclient.py echo-udp "$GUEST_IP" 7
python3 netclient.py echo-udp "$GUEST_IP6" 7
python3 netclient.py echo-tcp "$GUEST_IP" 7
python3 netclient.py echo-tcp "$GUEST_IP6" 7
python3 netclient.py echo-tcp-small-window "$GUEST_IP" 7
