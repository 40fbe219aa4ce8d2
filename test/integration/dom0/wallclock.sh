# dom0 side of the clock test: read the wall clock the guest published
# (ms since the epoch) and print its difference from dom0's clock.
key=/local/domain/$DOMID/data/petrel-wallclock
for _ in $(seq 1200); do
	guest=$(xenstore-read "$key" 2>/dev/null) && break
	sleep 0.05
done
now=$(date +%s%3N)
[ -n "${guest:-}" ] || { echo "wallclock: guest never published"; exit 1; }
echo "wallclock: guest=$guest dom0=$now diff_ms=$((now - guest))"
