#!/usr/bin/env bash
# Time per value of two `rasp` builds on the same values, alternating, so background load
# hits both alike: `rasp eval` checks each value once (cold, as a server sees a fresh value)
# and reports mean and p99 over all four detectors. Prints every round and the medians.
#
#   scripts/eval_speed.sh BEFORE_BIN AFTER_BIN            # ROUNDS=7, validation split
#   ROUNDS=11 scripts/eval_speed.sh old/rasp new/rasp FILE.jsonl…
#
# Without files it uses the corpus and the first-stage benign files (scripts/gather_benign.sh),
# as README's figures do.
set -euo pipefail
cd "$(dirname "$0")/.."

[ $# -ge 2 ] || { echo "usage: $0 BEFORE_BIN AFTER_BIN [FILE.jsonl…]" >&2; exit 2; }
before=$1 after=$2
shift 2
files=("$@")
if [ ${#files[@]} -eq 0 ]; then
    files=(../shared/corpus/*.jsonl)
    for f in doctext fortunes fortunes_world html useragents words; do
        files+=("target/benign/$f.jsonl")
    done
fi
ROUNDS=${ROUNDS:-7}
SPLIT=${SPLIT:-validation}

# mean and p99 in µs from one run's JSON report
measure() {
    "$1" eval "${files[@]}" --split "$SPLIT" --json |
        python3 -c 'import json,sys; t=json.load(sys.stdin)["time_ns"]; print("%.3f %.2f" % (t["mean"]/1000, t["p99"]/1000))'
}

declare -a bm bp am ap
for ((r = 1; r <= ROUNDS; r++)); do
    read -r m p < <(measure "$before")
    bm+=("$m") bp+=("$p")
    read -r m2 p2 < <(measure "$after")
    am+=("$m2") ap+=("$p2")
    echo "round $r: before mean $m µs p99 $p µs | after mean $m2 µs p99 $p2 µs"
done
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
echo "median of $ROUNDS: before mean $(median "${bm[@]}") µs p99 $(median "${bp[@]}") µs;" \
    "after mean $(median "${am[@]}") µs p99 $(median "${ap[@]}") µs (load $(cut -d' ' -f1 /proc/loadavg))"
