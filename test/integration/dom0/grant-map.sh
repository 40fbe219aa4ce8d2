# dom0 side of the grant test: map the guest's granted page with
# petrel-gntmap (from the testbed), tell the guest it is mapped, wait
# until it has tried to end the grant, then unmap and tell it so.
# The tool's stdin is a fifo we hold open: a line on it means "unmap".
# (Not a bash coproc: bash closes those fds as soon as the tool exits,
# racing with reading its last line.)
base=/local/domain/$DOMID/data
work=$(mktemp -d)
. ./dom0-lib.sh
wait_for xenstore-read "$base/grant-ref" || exit 1
ref=$(xenstore-read "$base/grant-ref")
mkfifo "$work/in"
petrel-gntmap "$DOMID" "$ref" <"$work/in" >"$work/out" 2>&1 &
tool=$!
exec 3>"$work/in"
wait_for grep -q '^mapped:\|^error' "$work/out" || exit 1
xenstore-write "$base/grant-mapped" 1
wait_for xenstore-read "$base/grant-busy-checked" || exit 1
echo unmap >&3
exec 3>&-
wait "$tool"
status=$?
cat "$work/out"
xenstore-write "$base/grant-unmapped" 1
exit "$status"
