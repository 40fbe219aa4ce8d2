# net-http-load.sh: dom0 side of the net-http-load test: 100 keep-alive clients at once
# (10 requests each), then wrk with 64 connections for 10 s, which must see no socket errors
# and only 2xx answers. wrk's timeout is 30 s rather than 2: under TCG a slow answer is not
# an error. The port is explicit: dom0 has no /etc/services for wrk to look "http" up in.
python3 netclient.py wait "$GUEST_IP" 80 90 || exit 1
python3 netclient.py parallel "$GUEST_IP" 80
wrk -c 64 -t 2 -d 10s --timeout 30s "http://$GUEST_IP:80/" >wrk.out 2>&1
sed 's/^/wrk| /' wrk.out
if grep -q 'Socket errors\|Non-2xx' wrk.out; then
	echo "wrk: errors"
elif grep -q '^Requests/sec:' wrk.out; then
	echo "wrk: ok, $(grep -c . wrk.out) lines, $(grep '^Requests/sec:' wrk.out)"
fi
curl -sS --max-time 30 "http://$GUEST_IP/quit"
