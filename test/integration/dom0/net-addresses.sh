# net-addresses.sh: dom0 side of the net-dhcp and net-two-vifs tests: print the addresses the
# agent found for the guest's vifs (a DHCP one from dnsmasq's lease), fetch / through each,
# then stop the guest.
echo "guest: ip=$GUEST_IP mac=$GUEST_MAC ip2=$GUEST_IP2 mac2=$GUEST_MAC2"
for ip in $GUEST_IP $GUEST_IP2; do
	python3 netclient.py wait "$ip" 80 90 || continue
	curl -sS --fail --max-time 30 "http://$ip/" | grep -q 'Hello from Petrel' &&
		echo "http via $ip: ok"
done
curl -sS --max-time 30 "http://$GUEST_IP/quit"
