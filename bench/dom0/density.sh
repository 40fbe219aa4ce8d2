# density.sh: dom0 side of bench/density.py. Creates appliances like the
# job's own guest (appliance.sh) at MEM MB each while the memory Xen has
# handed out since the start (free_memory of `xl info`, so each guest's
# overhead counts too) stays within BUDGET_MB, up to MAX guests; then GETs /
# from each once and counts the answers; then destroys them.
# Prints "bench: density ..." lines that bench/density.py reads.
BUDGET_MB=${BUDGET_MB:-512} MEM=${MEM:-4} MAX=${MAX:-160}
. ./appliance.sh
free_mb() { xl info | awk '$1 == "free_memory" { print $3 }'; }
python3 netclient.py wait "$GUEST_IP" 80 90 || exit 1
free0=$(free_mb)
echo "bench: density start free_mb $free0 mem_mb $MEM budget_mb $BUDGET_MB"
own=${GUEST_IP##*.}
ips=() cost=$MEM free=$free0 stop="the budget is used up"
t0=$(now_ms)
for host in $(seq 2 254); do
	[ "$host" != "$own" ] || continue
	[ ${#ips[@]} -lt "$MAX" ] || { stop="MAX=$MAX reached"; break; }
	[ $((free0 - free + cost)) -le "$BUDGET_MB" ] || break
	appliance_cfg "density-$host" "$host" "$MEM" >"density-$host.cfg"
	# One retry: under a loaded TCG testbed, a vif's hotplug script can
	# overrun libxl's timeout, and then the next try may well succeed.
	made=0
	for try in 1 2; do
		xl create "density-$host.cfg" >xl.out 2>&1 && { made=1; break; }
		sed "s/^/bench: density xl (try $try): /" xl.out
		xl destroy "density-$host" >/dev/null 2>&1
	done
	if [ $made -eq 0 ]; then
		stop="xl create failed twice: $(grep -m1 -i error xl.out)"
		break
	fi
	ips+=("198.18.0.$host")
	now=$(free_mb)
	cost=$((free - now))
	free=$now
	[ $((${#ips[@]} % 10)) -ne 0 ] ||
		echo "bench: density progress ${#ips[@]} created, used_mb $((free0 - free)), $((($(now_ms) - t0) / 1000)) s"
done
t1=$(now_ms)
echo "bench: density created ${#ips[@]} used_mb $((free0 - free)) create_all_s $(((t1 - t0) / 1000)) stop: $stop"
ok=0
for ip in "${ips[@]}"; do
	if wait_http "$ip" 60; then
		ok=$((ok + 1))
	else
		echo "bench: density no answer from $ip"
	fi
done
echo "bench: density answered $ok of ${#ips[@]} domains $(($(xl list | wc -l) - 3))"
for host in "${ips[@]##*.}"; do
	xl destroy "density-$host" >/dev/null 2>&1
done
curl -s -o /dev/null --max-time 30 "http://$GUEST_IP/quit"
