#!/usr/bin/env bash
# Load benchmark for the tower layer: an axum hello-world (`/`) and JSON (`/json`) endpoint,
# served plain and behind RaspLayer (default config, all default modules on), driven by wrk.
#
#   scripts/bench_load.sh                      # ROUNDS=9 DURATION=3s CONNS=32
#   ROUNDS=5 DURATION=20s scripts/bench_load.sh
#
# Throughput: wrk -t1 -c$CONNS; added latency: p50 of wrk -t1 -c1 (one request in flight,
# so p50 is the per-request service time, not queueing). The server is pinned to CPU 0 with
# one worker thread and wrk to CPU 1, so the two do not compete. Short runs alternate plain
# and rasp many times, so background load hits both alike; the median of the rounds is reported. Needs wrk (Debian: apt-get install -y wrk).
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-9}
DURATION=${DURATION:-3s}
CONNS=${CONNS:-32}
PORT_PLAIN=${PORT_PLAIN:-18091}
PORT_RASP=${PORT_RASP:-18092}

command -v wrk >/dev/null || { echo "bench_load: wrk not found (apt-get install -y wrk)" >&2; exit 2; }
PIN_SERVER=() PIN_CLIENT=()
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
    PIN_SERVER=(taskset -c 0) PIN_CLIENT=(taskset -c 1)
fi

cargo build --release --quiet -p rasp-tower --example bench_server
BIN="${CARGO_TARGET_DIR:-target}/release/examples/bench_server"

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

"${PIN_SERVER[@]}" "$BIN" plain "$PORT_PLAIN" 1 & pids+=($!)
"${PIN_SERVER[@]}" "$BIN" rasp "$PORT_RASP" 1 & pids+=($!)
for port in "$PORT_PLAIN" "$PORT_RASP"; do
    for _ in $(seq 1 100); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
        sleep 0.1
    done
done

# Requests/sec of one wrk run.
rps() { awk '/^Requests\/sec:/ {print $2}' <<<"$1"; }
# p50 latency of one wrk --latency run, in microseconds.
p50_us() {
    awk '$1 == "50%" {
        v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
        f = (u == "us") ? 1 : (u == "ms") ? 1000 : (u == "s") ? 1000000 : 0.001;
        printf "%.1f", v * f }' <<<"$1"
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

declare -A RPS LAT
for ep in / /json; do
    for port in "$PORT_PLAIN" "$PORT_RASP"; do  # warm-up
        "${PIN_CLIENT[@]}" wrk -t1 -c"$CONNS" -d2s "http://127.0.0.1:$port$ep" >/dev/null
    done
done
for round in $(seq 1 "$ROUNDS"); do
    for ep in / /json; do
        for mode in plain rasp; do
            port=$PORT_PLAIN; [ "$mode" = rasp ] && port=$PORT_RASP
            out=$("${PIN_CLIENT[@]}" wrk -t1 -c"$CONNS" -d"$DURATION" "http://127.0.0.1:$port$ep")
            RPS[$mode$ep]+="$(rps "$out") "
            out=$("${PIN_CLIENT[@]}" wrk -t1 -c1 -d"$DURATION" --latency "http://127.0.0.1:$port$ep")
            LAT[$mode$ep]+="$(p50_us "$out") "
            echo "round $round $mode $ep: req/s ${RPS[$mode$ep]}| p50(c1) us ${LAT[$mode$ep]}" >&2
        done
    done
done

printf '\n%-6s %14s %14s %8s %14s %14s %10s\n' endpoint "plain req/s" "rasp req/s" loss "plain p50 us" "rasp p50 us" "added us"
for ep in / /json; do
    pr=$(tr ' ' '\n' <<<"${RPS[plain$ep]}" | grep . | median)
    rr=$(tr ' ' '\n' <<<"${RPS[rasp$ep]}" | grep . | median)
    pl=$(tr ' ' '\n' <<<"${LAT[plain$ep]}" | grep . | median)
    rl=$(tr ' ' '\n' <<<"${LAT[rasp$ep]}" | grep . | median)
    awk -v ep="$ep" -v pr="$pr" -v rr="$rr" -v pl="$pl" -v rl="$rl" 'BEGIN {
        printf "%-6s %14.0f %14.0f %7.1f%% %14.1f %14.1f %10.1f\n", ep, pr, rr, (pr - rr) / pr * 100, pl, rl, rl - pl }'
done
echo "(wrk -t1 -c$CONNS / -c1, $DURATION x $ROUNDS rounds, median; server 1 worker on CPU 0, wrk on CPU 1)"
