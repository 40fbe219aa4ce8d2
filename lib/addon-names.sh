#!/usr/bin/env bash
# Print the names an add-on archive (libpetrel-ext2.a) and libpetrel's
# object share, other than the exported ones, each with the reserved
# name both are given instead: "blkdev_find __petrel_blkdev_find".
# libpetrel makes its unexported globals local (export-list.sh), so the
# add-on could not reach blkdev_find or printk by their own names, and
# an app may define those names; under __petrel_ (a name reserved to the
# implementation) both objects keep them global without clashing.
#   addon-names.sh EXPORTS CORE_OBJECT ADDON_OBJECT
set -euo pipefail
exports=$1 core=$2 addon=$3

defined() { nm -g --defined-only "$1" | awk 'NF == 3 { print $3 }' | sort -u; }
undefined() { nm -u "$1" | awk '{ print $2 }' | sort -u; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sort -u "$exports" >"$tmp/exports"
{
	comm -12 <(undefined "$addon") <(defined "$core")
	comm -12 <(undefined "$core") <(defined "$addon")
} | sort -u | comm -23 - "$tmp/exports" | awk '{ print $1, "__petrel_" $1 }'
