# kvstore-save.sh: dom0 side of kvstore-save. A client SETs 20,000 keys (pipelined, 64 in
# flight) and the guest is saved and restored under it: that same connection must get every
# reply, every acknowledged key must be there afterwards, and after a clean SHUTDOWN the log
# on the raw disk must hold every acknowledged key and end where the guest says it does.
. ./dom0-lib.sh
disk=$(xenstore-read "/local/domain/0/backend/vbd/$DOMID/51712/params") || exit 1
rm -f /tmp/kvsave-acked
python3 kvclient.py wait "$GUEST_IP" 6379 120 || exit 1
KVCLIENT_TIMEOUT=300 python3 kvclient.py fill "$GUEST_IP" 6379 0 20000 /tmp/kvsave-acked &
writer=$!
sleep 3
before=$(grep -c '' /tmp/kvsave-acked)
kill -0 "$writer" 2>/dev/null || {
	echo "FAIL: the writer ended before the save began: nothing was in flight"
	exit 1
}
save_restore_guest
after=$(grep -c '' /tmp/kvsave-acked)
wait "$writer" || echo "FAIL: the writer's connection did not survive the save and restore"
echo "acknowledged: $before before the save, $after when the restore returned"
python3 kvclient.py check "$GUEST_IP" 6379 /tmp/kvsave-acked 20000
python3 kvclient.py shutdown "$GUEST_IP" 6379
wait_guest_shut_down
python3 kvlog.py summary "$disk" /tmp/kvsave-acked
