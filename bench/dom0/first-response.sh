# first-response.sh: dom0 side of bench/first_response.py, the same for a
# Petrel and a Linux guest running apps/httpd. The job's own guest only
# keeps the job alive: RUNS times, this script creates another guest like
# it (appliance.sh), times `xl create` and create -> the first GET / that
# answers 200, then asks the guest to quit and destroys it, and lets dom0
# and Xen settle for SETTLE s, so that runs do not pay for the one before
# (without the pause, back-to-back Linux creates grew from 20 s to 62 s
# in one session; Xen scrubbing the freed memory is a guess at why).
# Prints "bench: ..." lines that bench/first_response.py reads.
RUNS=${RUNS:-5} HOST=${HOST:-250} SETTLE=${SETTLE:-8}
. ./appliance.sh
python3 netclient.py wait "$GUEST_IP" 80 90 || exit 1
ip=198.18.0.$HOST
for run in $(seq "$RUNS"); do
	name=first-response-$run
	appliance_cfg "$name" "$HOST" >"$name.cfg"
	t0=$(now_ms)
	if ! xl create "$name.cfg" >xl.out 2>&1; then
		echo "bench: first-response run $run failed: xl create: $(tail -n1 xl.out)"
		xl destroy "$name" >/dev/null 2>&1
		continue
	fi
	t1=$(now_ms)
	if wait_http "$ip" 120; then
		t2=$(now_ms)
		echo "bench: first-response run $run create_ms $((t1 - t0)) response_ms $((t2 - t0))"
	else
		echo "bench: first-response run $run failed: no answer in 120 s"
	fi
	curl -s -o /dev/null --max-time 5 "http://$ip/quit"
	xl destroy "$name" >/dev/null 2>&1
	for _ in $(seq 60); do
		xl domid "$name" >/dev/null 2>&1 || break
		sleep 0.5
	done
	sleep "$SETTLE"
done
curl -s -o /dev/null --max-time 30 "http://$GUEST_IP/quit"
