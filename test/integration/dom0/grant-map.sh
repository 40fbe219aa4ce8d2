# dom0 side of the grant test: map the guest's granted page with
# petrel-gntmap (from the testbed), tell the guest it is mapped, wait
# until it has tried to end the grant, then unmap and tell it so.
base=/local/domain/$DOMID/data
wait_key() {
	for _ in $(seq 1200); do
		xenstore-read "$1" >/dev/null 2>&1 && return 0
		sleep 0.05
	done
	echo "timed out waiting for $1"
	return 1
}
wait_key "$base/grant-ref" || exit 1
ref=$(xenstore-read "$base/grant-ref")
coproc MAP { petrel-gntmap "$DOMID" "$ref"; }
read -r line <&"${MAP[0]}"
echo "$line"
xenstore-write "$base/grant-mapped" 1
wait_key "$base/grant-busy-checked" || exit 1
echo unmap >&"${MAP[1]}"
read -r line <&"${MAP[0]}"
echo "$line"
xenstore-write "$base/grant-unmapped" 1
