# net-http-malformed.sh: dom0 side of the net-http-malformed test: garbage, oversized
# targets, headers and bodies, and 150 half-open connections each get their answer (or
# nothing) and a clean close, and httpd still serves a good request afterwards.
python3 netclient.py wait "$GUEST_IP" 80 90 || exit 1
python3 netclient.py errors "$GUEST_IP" 80
python3 netclient.py halfopen "$GUEST_IP" 80
python3 netclient.py http "$GUEST_IP" 80
curl -sS --max-time 30 "http://$GUEST_IP/quit"
