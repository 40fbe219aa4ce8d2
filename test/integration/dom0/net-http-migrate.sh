# net-http-migrate.sh: dom0 side of the net-http-migrate test: as net-http-save.sh, then
# `xl migrate` to localhost as well, each with answers back within 2 s and none wrong.
. ./dom0-lib.sh
python3 netclient.py wait "$GUEST_IP" 80 90 || exit 1
http_watch_start
http_watch_mark save-restore save_restore_guest
http_watch_mark migrate migrate_guest_localhost
http_watch_report 2
status=$?
curl -sS --max-time 30 "http://$GUEST_IP/quit"
exit $status
