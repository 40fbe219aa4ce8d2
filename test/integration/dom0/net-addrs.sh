# dom0 side of the net test: wait for the guest to publish its IPv4 and
# IPv6 addresses, ping and ping6 them (a link-local one through
# xenbr0), then tell the guest we are done.
base=/local/domain/$DOMID/data/net-test
for _ in $(seq 600); do
	xenstore-read "$base/ipv4" >/dev/null 2>&1 && break
	sleep 0.1
done
v4=$(xenstore-read "$base/ipv4")
v6=$(xenstore-read "$base/ipv6")
echo "guest ipv4=$v4 ipv6=$v6 GUEST_IP=$GUEST_IP"
case $v6 in fe80:*) v6="$v6%xenbr0" ;; esac
verdict=""
if ping -c 3 -W 5 "$v4"; then
	echo "ping4 ok"
	verdict="$verdict ping4-ok"
fi
if ping -6 -c 3 -W 5 "$v6"; then
	echo "ping6 ok"
	verdict="$verdict ping6-ok"
fi
xenstore-write "$base/done" "${verdict:- nothing}"
