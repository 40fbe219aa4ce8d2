# Run in dom0 by `petrel test`: print the host's virtualization
# capabilities (xl info's virt_caps: pv, hvm, hap, shadow...), so that
# PVH instances on a host without HVM are reported as SKIP.
xl info | sed -n 's/^virt_caps *: */virt_caps: /p'
