# blk-hotplug.sh: dom0 side of blk-hotplug. Once the guest has written its disk, detach the
# disk (xl block-detach) while the guest keeps reading it, then attach the same file again under
# the same name; twice. The guest must see EIO while it is gone and its data when it is back.
. ./dom0-lib.sh
base=/local/domain/$DOMID
be=$(xenstore-read "$base/device/vbd/51712/backend") &&
	target=$(xenstore-read "$be/params") || {
	echo "FAIL: the disk's backend keys are not readable"
	exit 1
}
wait_for xenstore-read "$base/data/blk-written" || exit 1
for round in 1 2; do
	xl_step "detach $round" block-detach "$DOMID" xvda || exit 1
	sleep 2
	xl_step "attach $round" block-attach "$DOMID" "format=raw,vdev=xvda,access=rw,target=$target" ||
		exit 1
	sleep 2
done
