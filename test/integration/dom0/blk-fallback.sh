# dom0 side of blk-fallback: once blkback has offered its features
# (InitWait), take back the multi-page ring and indirect segments by
# removing its keys, then let the guest (waiting for data/blk-go) touch
# its disk: blkfront must fall back to one ring page ("ring-ref") and
# requests of at most 11 segments.
. ./dom0-lib.sh
state_is() { test "$(xenstore-read "$1/state")" = "$2"; }
base=/local/domain/$DOMID
be=$(xenstore-read "$base/device/vbd/51712/backend") || exit 1
wait_for state_is "$be" 2 || exit 1
xenstore-rm "$be/max-ring-page-order"
xenstore-rm "$be/feature-max-indirect-segments"
xenstore-write "$base/data/blk-go" 1
echo "blk-fallback: ring order and indirect segments withdrawn"
# At exit the guest closes its disk in step with blkback (and ends its
# grants): its frontend state goes to Closed (6) before it powers off.
wait_for state_is "$base/device/vbd/51712" 6 || exit 1
echo "blk-fallback: frontend closed, backend $(xenstore-read "$be/state")"
