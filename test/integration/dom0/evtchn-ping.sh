# dom0 side of the event-channel test: bind to the port the guest
# offered and exchange events with it (petrel-evtchn, in the testbed).
key=/local/domain/$DOMID/data/evtchn-port
for _ in $(seq 1200); do
	port=$(xenstore-read "$key" 2>/dev/null) && break
	sleep 0.05
done
[ -n "${port:-}" ] || { echo "evtchn: guest never offered a port"; exit 1; }
petrel-evtchn "$DOMID" "$port" 3
