# net-hotplug.sh: dom0 side of net-hotplug. httpd answers; its vif is detached (xl
# network-detach): nothing answers, and the detach does not wait out libxl's timeout for an
# unresponsive frontend; a vif with the same MAC is attached again: the same page comes back,
# within 30 s, and a second detach and attach work as the first did.
. ./dom0-lib.sh
be=/local/domain/0/backend/vif/$DOMID/0
mac=$(xenstore-read "$be/mac") && bridge=$(xenstore-read "$be/bridge") &&
	ip=$(xenstore-read "$be/ip") || {
	echo "FAIL: the vif's backend keys are not readable"
	exit 1
}
page() { curl -sS --fail --max-time 5 "http://$GUEST_IP/"; }
python3 netclient.py wait "$GUEST_IP" 80 90 || exit 1
before=$(page | sha256sum) || exit 1
for round in 1 2; do
	xl_step "detach $round" network-detach "$DOMID" 0 || exit 1
	if page >/dev/null 2>&1; then
		echo "FAIL: the guest still answers with its vif detached"
	else
		echo "ok: no answer while detached ($round)"
	fi
	xl_step "attach $round" network-attach "$DOMID" "mac=$mac,bridge=$bridge,ip=$ip" || exit 1
	t0=$(uptime_s)
	for _ in $(seq 60); do
		page >/dev/null 2>&1 && break
		sleep 0.5
	done
	if [ "$(page | sha256sum)" = "$before" ]; then
		echo "ok: the same page again $(since "$t0") s after the attach ($round)"
	else
		echo "FAIL: no answer, or another page, after the attach ($round)"
	fi
done
curl -sS --max-time 30 "http://$GUEST_IP/quit"
