# net-http.sh: dom0 side of the net-http test: httpd in the guest (-x /quit) serves GET and
# HEAD with keep-alive and pipelining, /big.bin (sha256 printed for the host to compare),
# and answers over IPv6 too.
python3 netclient.py wait "$GUEST_IP" 80 90 || exit 1
python3 netclient.py http "$GUEST_IP" 80
sum=$(curl -sS --fail --max-time 120 "http://$GUEST_IP/big.bin" | sha256sum)
echo "big.bin sha256 ${sum%% *}"
for _ in $(seq 30); do
	ping -6 -c 1 -W 2 "$GUEST_IP6" >/dev/null 2>&1 && break
	sleep 1
done
curl -sS --fail --max-time 30 -g "http://[$GUEST_IP6]/" | grep -q 'Hello from Petrel' &&
	echo "http over ipv6: ok"
curl -sS --max-time 30 "http://$GUEST_IP/quit"
