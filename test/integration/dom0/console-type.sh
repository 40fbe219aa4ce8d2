# dom0 side of the stdin test: type a line into the guest's console,
# through the pty xenconsoled serves for it (named in xenstore).
key=/local/domain/$DOMID/console/tty
for _ in $(seq 600); do
	tty=$(xenstore-read "$key" 2>/dev/null) && [ -n "$tty" ] && break
	sleep 0.05
done
[ -c "${tty:-}" ] || { echo "no console pty for domain $DOMID"; exit 1; }
sleep 1
printf 'hello petrel\r' >"$tty" && echo "typed into $tty"
