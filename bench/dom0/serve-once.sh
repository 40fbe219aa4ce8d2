# serve-once.sh: dom0 side of bench/min_memory.py. Fetch / from the
# guest's httpd once, say whether it answered, then ask it to quit.
python3 netclient.py wait "$GUEST_IP" 80 90 || { echo "serve: no listener"; exit 1; }
if curl -sf -o /dev/null "http://$GUEST_IP/"; then
	echo "serve: ok"
else
	echo "serve: failed"
fi
curl -s -o /dev/null "http://$GUEST_IP/quit" || true
