# net-http-ramdisk.sh: dom0 side of the net-http-ramdisk test: httpd --root /www serves
# the files of its ramdisk (a cpio archive of a tree), a directory's index.html, the
# embedded files still, and no name outside /www, however the request climbs.
python3 netclient.py wait "$GUEST_IP" 80 90 || exit 1
check() { # PATH BODY: GET PATH answers 200 with exactly BODY
	got=$(curl -sS --fail --max-time 30 "http://$GUEST_IP$1") &&
		[ "$got" = "$2" ] && echo "ok: $1" || echo "wrong: $1: $got"
}
check / '<h1>from the ramdisk</h1>'
check /docs/ '<p>docs index</p>'
check /docs '<p>docs index</p>'
check /docs/page.txt 'a page in a subdirectory'
# hello.txt is in the ramdisk, but above /www.
for target in /../hello.txt /docs/../../hello.txt /%2e%2e/hello.txt \
	/docs/..%2f..%2fhello.txt; do
	code=$(curl -s --path-as-is --max-time 30 -o /dev/null -w '%{http_code}' \
		"http://$GUEST_IP$target")
	echo "escape $target: $code"
done
echo "big.bin bytes: $(curl -sS --fail --max-time 120 "http://$GUEST_IP/big.bin" | wc -c)"
curl -sS --max-time 30 "http://$GUEST_IP/quit"
