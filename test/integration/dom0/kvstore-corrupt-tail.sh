# kvstore-corrupt-tail.sh: dom0 side of kvstore-3-corrupt-tail, the boot after dom0 flipped a
# byte of the log's last SET record (kvstore-replay.sh). Says where that record was (the host
# compares it with the guest's report), then checks that every other acknowledged key is there
# and the damaged one is not, and that the server still takes SETs.
echo "kvstore-corrupt-tail: dom0 $(cat /tmp/kvstore-corrupted)"
python3 kvclient.py wait "$GUEST_IP" 6379 120 || exit 1
python3 kvclient.py check "$GUEST_IP" 6379 /tmp/kvstore-acked 10000
python3 kvclient.py absent "$GUEST_IP" 6379 last
python3 kvclient.py fill "$GUEST_IP" 6379 100000 10 /tmp/kvstore-acked
python3 kvclient.py shutdown "$GUEST_IP" 6379
