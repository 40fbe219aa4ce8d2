# xl-shutdown.sh: dom0 side of the shutdown-* tests: `xl shutdown` the guest.
. ./dom0-lib.sh
toolstack_request shutdown
