# follow.sh: dom0 side of follow_guest.py: while the guest's console ticks, save and restore it,
# then migrate it to localhost, then ask it to stop (it writes its exit status and powers off).
. ./dom0-lib.sh
log=/var/log/xen/console/guest-$GUEST_NAME.log
wait_for grep -q '^tick 3' "$log" || exit 1
save_restore_guest || exit 1
sleep 2
migrate_guest_localhost || exit 1
echo "console logs: $(cd /var/log/xen/console && echo guest-"$GUEST_NAME"*)"
sleep 2
xenstore-write "/local/domain/$DOMID/data/petrel-stop" 1 && echo "asked domid $DOMID to stop"
