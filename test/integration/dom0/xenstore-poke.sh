# dom0 side of the xenstore test: wait for the guest's ready key, then
# write the value its watch waits for.
base=/local/domain/$DOMID/data/xs-test
for _ in $(seq 600); do
	xenstore-read "$base/ready" >/dev/null 2>&1 && break
	sleep 0.1
done
xenstore-write "$base/from-dom0" ping && echo "poked $base/from-dom0"
