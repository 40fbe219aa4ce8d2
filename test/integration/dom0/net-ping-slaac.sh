# net-ping-slaac.sh: dom0 side of the net-ping test. The guest (httpd -x /quit, one static vif)
# answers ping and ping6 (its SLAAC address), then is told to stop.
echo "guest: ip=$GUEST_IP ip6=$GUEST_IP6 mac=$GUEST_MAC"
python3 netclient.py wait "$GUEST_IP" 80 90 || exit 1
ping -c 3 -W 5 "$GUEST_IP" >/dev/null && echo "ping: ok"
# The guest forms its SLAAC address once a router advertisement arrives: give it time.
for _ in $(seq 30); do
	ping -6 -c 1 -W 2 "$GUEST_IP6" >/dev/null 2>&1 && break
	sleep 1
done
ping -6 -c 3 -W 5 "$GUEST_IP6" >/dev/null && echo "ping6: ok"
curl -sS --max-time 30 "http://$GUEST_IP/quit"
