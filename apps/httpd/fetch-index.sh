# fetch-index.sh: the dom0 side of `make run` (petrel run --dom0): wait for httpd in the
# guest to answer, fetch / with curl and print it. httpd was started with -n 1, so it exits
# once it has answered, and the guest stops.
for _ in $(seq 120); do
	if page=$(curl -sS --fail --max-time 10 "http://$GUEST_IP/" 2>/dev/null); then
		echo "GET http://$GUEST_IP/ from dom0:"
		echo "$page"
		exit 0
	fi
	sleep 0.5
done
echo "no answer from http://$GUEST_IP/" >&2
exit 1
