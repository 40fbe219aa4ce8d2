# dom0.sh of blk-no-persistent: the guest's vbd exists (and took
# feature_persistent=N), so turn it back on for the jobs after this one.
set -e
p=/sys/module/xen_blkback/parameters/feature_persistent
echo Y >"$p"
echo "blkback feature_persistent=$(cat "$p") again"
