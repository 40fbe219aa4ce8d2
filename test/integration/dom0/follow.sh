# follow.sh: dom0 side of follow_guest.py: while the guest's console ticks, save and restore it,
# then migrate it to localhost, then ask it to stop (it writes its exit status and powers off).
. ./dom0-lib.sh
log=/var/log/xen/console/guest-$GUEST_NAME.log
wait_for grep -q '^tick 3' "$log" || exit 1
# Less to copy (about 4 MB/s under TCG): the guest's balloon driver gives back what it does not use.
xl mem-set "$DOMID" "64m"
wait_for sh -c "xl list $DOMID | awk 'NR == 2 && \$3 <= 64 { ok = 1 } END { exit !ok }'" &&
	echo "ballooned to 64 MiB"
save_restore_guest || exit 1
sleep 2
migrate_guest_localhost || exit 1
echo "console logs: $(cd /var/log/xen/console && echo guest-"$GUEST_NAME"*)"
sleep 2
xenstore-write "/local/domain/$DOMID/data/petrel-stop" 1 && echo "asked domid $DOMID to stop"
