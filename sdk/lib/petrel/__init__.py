"""Host-side Petrel tooling: boot images on Xen (testbed or a real dom0)."""
