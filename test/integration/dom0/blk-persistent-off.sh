# dom0-pre.sh of blk-no-persistent: before xl create, turn blkback's
# persistent grants off; blkback reads the parameter when the guest's vbd
# is created, so this guest's disk is offered none.
set -e
p=/sys/module/xen_blkback/parameters/feature_persistent
echo N >"$p"
echo "blkback feature_persistent=$(cat "$p")"
