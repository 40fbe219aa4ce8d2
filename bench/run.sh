#!/usr/bin/env bash
# `make bench`: benchmarks. They are measurements, never pass/fail tests.
# Writes build/bench/results.txt; bench/REPORT.md holds the figures with
# the date and testbed they were measured on.
#   image-size: stripped size of each app image (issue goal: hello < 64 KB
#               without libc).
#   boot times: testbed boot to dom0 ready, and median guest create/run
#               times over 5 boots of hello as PV and 5 as PVH in one
#               testbed session.
#   memory:     the smallest memory hello and httpd work in, PV and PVH
#               (bench/min_memory.py; table in build/bench/min-memory.md).
#   network:    HTTP req/s and latency (wrk, keep-alive), bulk TCP MB/s
#               (curl, nc), Petrel next to a Linux PV domU in the same
#               testbed boot (bench/net.py; table in build/bench/net.md).
#   storage:    raw-disk sequential MB/s and random 4 KiB IOPS, Petrel
#               next to a Linux PV domU (O_DIRECT) in one testbed boot
#               (bench/blk.py, apps/blkbench; table in build/bench/blk.md).
set -euo pipefail
cd "$(dirname "$0")/.."
out=build/bench
mkdir -p "$out"
res=$out/results.txt
: >"$res"

echo "== image sizes (stripped, bytes)" | tee -a "$res"
for img in build/apps/*/*.stripped build/apps/tests/*/*.stripped; do
	[ -f "$img" ] || continue
	name=${img#build/apps/}
	name=${name%.stripped}
	printf '%-28s %8d\n' "$name" "$(stat -c %s "$img")" | tee -a "$res"
done
echo "results: $res"

echo "== boot times (testbed, TCG)" | tee -a "$res"
python3 bench/boot_times.py 5 | tee -a "$res"

echo "== smallest memory (MB) that works, per mode" | tee -a "$res"
python3 bench/min_memory.py "$out/min-memory.md" | tee -a "$res"

echo "== network: Petrel and a Linux PV domU, medians (testbed, TCG)" | tee -a "$res"
python3 bench/net.py "$out/net.md" | tee -a "$res" ||
	echo "network: some runs failed; see $out/net.md" | tee -a "$res"

echo "== storage: Petrel and a Linux PV domU, medians (testbed, TCG)" | tee -a "$res"
python3 bench/blk.py "$out/blk.md" | tee -a "$res" ||
	echo "storage: some runs failed; see $out/blk.md" | tee -a "$res"
