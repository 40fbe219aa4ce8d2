# net-http-save.sh: dom0 side of the net-http-save test: httpd keeps answering a request loop
# (httpwatch.py) across `xl save -c` (a checkpoint: the guest's suspend is cancelled and it goes
# on in the same domain), then `xl save` + `xl restore`; answers must come back within 2 s of
# each, and none may ever be wrong. Prints the downtimes.
. ./dom0-lib.sh
python3 netclient.py wait "$GUEST_IP" 80 90 || exit 1
http_watch_start
http_watch_mark checkpoint checkpoint_guest
http_watch_mark save-restore save_restore_guest
http_watch_report 2
status=$?
curl -sS --max-time 30 "http://$GUEST_IP/quit"
exit $status
