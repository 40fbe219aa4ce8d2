# appliance.sh: sourced by the dom0 scripts of bench/first_response.py and
# bench/density.py, which create more guests like the job's own: the same
# image and command line (guest.cfg in the job folder), another name,
# address and MAC, and maybe another memory size.

# appliance_cfg NAME HOST [MEM_MB]: the job's guest.cfg for a guest NAME at
# 198.18.0.HOST (HOST 2..254, not the job's own) with MAC 00:16:3e:5f:00:HOST.
appliance_cfg() {
	local name=$1 host=$2 mem=${3:-} ip mac
	ip=198.18.0.$host
	mac=$(printf '00:16:3e:5f:00:%02x' "$host")
	# The job's address appears as the vif's ip= (Petrel) and on the
	# command line (the Linux domU's PNET): replace each whole address.
	sed -E -e "s/^name = .*/name = \"$name\"/" \
		-e "s/mac=[0-9a-f:]+/mac=$mac/" \
		-e "s/${GUEST_IP//./\\.}([^0-9]|\$)/$ip\1/g" \
		${mem:+-e "s/^memory = .*/memory = $mem/"} guest.cfg
}

# now_ms: dom0's monotonic clock in milliseconds.
now_ms() {
	local s
	read -r s _ </proc/uptime
	echo $((10#${s%.*} * 1000 + 10#${s#*.} * 10))
}

# wait_http IP SECS: poll GET / until it answers 200 or SECS pass (status 1).
wait_http() {
	local end=$(($(now_ms) + $2 * 1000))
	until curl -sf -o /dev/null --connect-timeout 0.5 --max-time 5 "http://$1/"; do
		[ "$(now_ms)" -lt "$end" ] || return 1
		sleep 0.05
	done
}
