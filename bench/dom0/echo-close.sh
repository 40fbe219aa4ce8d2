# echo-close.sh: dom0 side of bench/echo_close.py, the issue-8 repro of a
# lost echo tail. RUNS times (the file "runs"), MB MiB of random bytes go
# to apps/echo through `nc -N` (half-close after sending, then read to the
# end) and the bytes that came back are counted and compared. tcpdump
# counts, without touching the traffic, every RST the guest sends.
# Prints "echo-close: ..." lines that bench/echo_close.py reads.
RUNS=$(cat runs) MB=${MB:-16}
python3 netclient.py wait "$GUEST_IP" 7 90 || exit 1
head -c $((MB << 20)) /dev/urandom >data
want=$(stat -c %s data)
sum=$(sha256sum <data)
tcpdump -i any -n -l -q "src host $GUEST_IP and tcp[tcpflags] & tcp-rst != 0" \
	>rst.txt 2>/dev/null &
dump=$!
sleep 1
for run in $(seq "$RUNS"); do
	timeout 300 nc -N "$GUEST_IP" 7 <data >back 2>nc.err
	status=$?
	got=$(stat -c %s back)
	if [ "$got" = "$want" ] && [ "$(sha256sum <back)" = "$sum" ]; then
		echo "echo-close: run $run ok $got"
	else
		echo "echo-close: run $run short $got of $want (nc status $status:" \
			"$(tr '\n' ' ' <nc.err))"
	fi
done
sleep 1
kill "$dump" 2>/dev/null
wait "$dump" 2>/dev/null
echo "echo-close: guest RSTs seen by tcpdump: $(grep -c ' > ' rst.txt)"
grep ' > ' rst.txt | head -5 | sed 's/^/echo-close: rst: /'
