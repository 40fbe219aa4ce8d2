# dom0 side of the idle test: let the guest settle, then have xentop
# measure its CPU share over 10 s (the second sample covers the delay).
sleep 2
xentop -b -f -d 10 -i 2 | awk -v n="$GUEST_NAME" '$1 == n { pct = $4 } END { print "idle-cpu: percent=" pct }'
