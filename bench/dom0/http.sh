# http.sh: dom0 side of the HTTP benchmark (bench/net.py), the same for a
# Petrel and a Linux guest running apps/httpd. For each file size, RUNS
# runs of wrk (keep-alive, CONNS connections, SECS s each) after a
# warm-up, then RUNS bulk downloads of /big.bin, BULK times over one
# keep-alive connection (curl), then /quit stops the server.
# Prints "bench: ..." lines that bench/net.py reads.
RUNS=${RUNS:-5} CONNS=${CONNS:-16} SECS=${SECS:-5} BULK=${BULK:-16}
url=http://$GUEST_IP:80
python3 netclient.py wait "$GUEST_IP" 80 90 || exit 1
for size in 1k 64k; do
	wrk -c "$CONNS" -t 2 -d 2s --timeout 30s "$url/$size.bin" >/dev/null 2>&1
	for run in $(seq "$RUNS"); do
		wrk -c "$CONNS" -t 2 -d "${SECS}s" --timeout 30s --latency \
			"$url/$size.bin" >wrk.out 2>&1
		# Percentiles in ms, whatever unit wrk chose to print them in.
		awk -v size="$size" -v run="$run" '
			function ms(v) {
				if (v ~ /us$/) return v / 1000
				if (v ~ /ms$/) return v + 0
				if (v ~ /m$/) return v * 60000
				return v * 1000
			}
			/^ +50%/ { p50 = ms($2) } /^ +90%/ { p90 = ms($2) }
			/^ +99%/ { p99 = ms($2) } /^Requests\/sec:/ { rps = $2 }
			/Socket errors|Non-2xx/ { bad = 1 }
			END {
				if (rps == "" || bad) print "bench: http " size " run " run " failed"
				else printf "bench: http %s run %d rps %s p50 %.3f p90 %.3f p99 %.3f\n", size, run, rps, p50, p90, p99
			}' wrk.out
	done
done
# curl pairs each -o with one URL: without one, a body goes to stdout.
urls=$(for _ in $(seq "$BULK"); do printf -- '-o /dev/null %s ' "$url/big.bin"; done)
for run in $(seq "$RUNS"); do
	# shellcheck disable=SC2086 # one word per option and URL
	curl -sS -w '%{size_download} %{time_total}\n' $urls >curl.out 2>&1
	awk -v run="$run" -v want="$BULK" '
		NF == 2 { bytes += $1; secs += $2; n++ }
		END {
			if (n != want || bytes != want * 1048576) print "bench: download run " run " failed"
			else printf "bench: download run %d MBps %.2f\n", run, bytes / secs / 1e6
		}' curl.out
done
curl -sS --max-time 30 -o /dev/null "$url/quit"
