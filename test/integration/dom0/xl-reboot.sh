# xl-reboot.sh: dom0 side of shutdown-reboot: `xl reboot` the guest.
. ./dom0-lib.sh
toolstack_request reboot
