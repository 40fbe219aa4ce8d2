# kvstore-fill-destroy.sh: dom0 side of kvstore-1-fill-destroy. SETs 10,000 keys in the
# guest's kvstore, keeps SETting more, and `xl destroy`s the domain in the middle of that
# (no clean shutdown). Every acknowledged key is appended to /tmp/kvstore-acked as its OK
# arrives: dom0's /tmp outlives the job, and kvstore-2-replay checks them on the same disk.
rm -f /tmp/kvstore-acked /tmp/kvstore-corrupted
python3 kvclient.py wait "$GUEST_IP" 6379 120 || exit 1
python3 kvclient.py fill "$GUEST_IP" 6379 0 10000 /tmp/kvstore-acked || exit 1
python3 kvclient.py fill-forever "$GUEST_IP" 6379 10000 /tmp/kvstore-acked >/dev/null 2>&1 &
writer=$!
sleep 3
xl destroy "$DOMID"
sleep 1
kill "$writer" 2>/dev/null
wait "$writer" 2>/dev/null
echo "kvstore-fill-destroy: destroyed with $(grep -c '' /tmp/kvstore-acked) keys acknowledged"
