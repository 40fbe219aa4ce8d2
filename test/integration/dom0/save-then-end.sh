# save-then-end.sh: dom0 side of save-then-end. Save and restore the ticking guest, then end at
# once: the runner must go on following the restored guest to its own exit, though nothing in
# dom0 is left to wait for it.
. ./dom0-lib.sh
sleep 3
save_restore_guest
