#!/usr/bin/env bash
# `make bench`: benchmarks. They are measurements, never pass/fail tests.
# Each writes a table (build/bench/NAME.md) and its figures
# (build/bench/NAME.json); bench/report.py then writes
# build/bench/report.md, which opens with the headline table of issue 12's
# goals, and its plots (build/bench/*.png). Everything printed also goes
# to build/bench/results.txt. bench/REPORT.md holds a copy of a report
# with the date and testbed it was measured on.
#   image size: stripped Petrel images against the Linux domU's kernel
#               and initramfs (bench/sizes.py; boots nothing).
#   boot times: testbed boot to dom0 ready, and median guest create/run
#               times of hello, PV and PVH (bench/boot_times.py).
#   memory:     the smallest memory hello and httpd work in, PV and PVH
#               (bench/min_memory.py).
#   network:    HTTP req/s and latency (wrk, keep-alive), bulk TCP MB/s
#               (curl, nc), Petrel next to a Linux PV domU in the same
#               testbed boot (bench/net.py).
#   storage:    raw-disk sequential MB/s and random 4 KiB IOPS, Petrel
#               next to a Linux PV domU (O_DIRECT) (bench/blk.py).
#   first response: xl create -> first HTTP answer from dom0, Petrel
#               httpd against the Linux domU's (bench/first_response.py).
#   density:    httpd appliances answering at once within 512 MB
#               (bench/density.py; after min_memory.py, whose sizes it uses).
# A benchmark that fails leaves "not measured" in the report; the others
# still run.
set -uo pipefail
cd "$(dirname "$0")/.." || exit
out=build/bench
mkdir -p "$out"
res=$out/results.txt
: >"$res"
start=$(date +%s)

# step TITLE COMMAND...: run one benchmark, its output also in results.txt.
step() {
	local title=$1
	shift
	echo "== $title" | tee -a "$res"
	"$@" 2>&1 | tee -a "$res"
	[ "${PIPESTATUS[0]}" -eq 0 ] || echo "$title: some runs failed; see $out" | tee -a "$res"
}

step "image sizes" python3 bench/sizes.py "$out/sizes.md"
step "boot times (testbed, TCG)" python3 bench/boot_times.py 5
step "smallest memory (MB) that works, per mode" \
	python3 bench/min_memory.py "$out/min-memory.md"
step "network: Petrel and a Linux PV domU, medians (testbed, TCG)" \
	python3 bench/net.py "$out/net.md"
step "storage: Petrel and a Linux PV domU, medians (testbed, TCG)" \
	python3 bench/blk.py "$out/blk.md"
step "xl create -> first HTTP response, Petrel and Linux (testbed, TCG)" \
	python3 bench/first_response.py "$out/first-response.md"
step "density: httpd appliances within 512 MB" \
	python3 bench/density.py "$out/density.md"
step "report" python3 bench/report.py "$out/report.md"
echo "make bench took $(($(date +%s) - start)) s; report: $out/report.md" | tee -a "$res"
