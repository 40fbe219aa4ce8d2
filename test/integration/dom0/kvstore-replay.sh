# kvstore-replay.sh: dom0 side of kvstore-2-replay, the boot after kvstore-1-fill-destroy on
# the same disk. Every key acknowledged before the destroy must be there with its value. Then
# one more SET (the key "last"), a clean SHUTDOWN, and, once the domain is gone, dom0 flips a
# byte of the log's last SET record (that one) on the raw disk, for kvstore-3-corrupt-tail.
. ./dom0-lib.sh
disk=$(xenstore-read "/local/domain/0/backend/vbd/$DOMID/51712/params") || exit 1
python3 kvclient.py wait "$GUEST_IP" 6379 120 || exit 1
python3 kvclient.py check "$GUEST_IP" 6379 /tmp/kvstore-acked 10000
python3 kvclient.py set "$GUEST_IP" 6379 last /tmp/kvstore-acked
python3 kvclient.py shutdown "$GUEST_IP" 6379
wait_guest_shut_down
python3 kvlog.py corrupt-last "$disk" /tmp/kvstore-acked | tee /tmp/kvstore-corrupted
