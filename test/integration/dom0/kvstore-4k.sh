# kvstore-4k.sh: dom0 side of kvstore-4k-align: three SETs (three commits, each padded to
# the disk's 4096-byte sectors), then a clean SHUTDOWN; the guest reports where its log ends.
python3 kvclient.py wait "$GUEST_IP" 6379 120 || exit 1
for key in a b c; do
	python3 kvclient.py set "$GUEST_IP" 6379 "$key" /tmp/kvstore-4k-acked || exit 1
done
python3 kvclient.py shutdown "$GUEST_IP" 6379
