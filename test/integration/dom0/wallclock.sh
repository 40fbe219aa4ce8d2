# dom0 side of the clock test: the guest republishes its wall clock (ms
# since the epoch) every 100 ms. Wait for it, then read a fresh value,
# bracketing the read with dom0's clock (bash's $EPOCHREALTIME, so no
# process start-up sits inside the bracket), and print the bracket.
key=/local/domain/$DOMID/data/petrel-wallclock
ms() { local t=$EPOCHREALTIME; echo $((${t%.*} * 1000 + 10#${t#*.} / 1000)); }
for _ in $(seq 1200); do
	xenstore-read "$key" >/dev/null 2>&1 && break
	sleep 0.05
done
sleep 0.5
before=$(ms)
guest=$(xenstore-read "$key" 2>/dev/null)
after=$(ms)
[ -n "${guest:-}" ] || { echo "wallclock: guest never published"; exit 1; }
echo "wallclock: guest=$guest dom0_before=$before dom0_after=$after"
