#!/usr/bin/env bash
# `make test` N times in a row (default 10) beside a CPU-bound job, as issue 10 asks:
#   scripts/test_under_load.sh [N] [LOGDIR]
# One line per run (exit status, seconds, load average, pytest's closing line) in LOGDIR/summary.txt.
set -u
cd "$(dirname "$0")/.."
n=${1:-10}
logs=${2:-build/test-under-load}
mkdir -p "$logs"
python3 -c 'while True: pass' &
burner=$!
trap 'kill $burner' EXIT
for i in $(seq 1 "$n"); do
  start=$(date +%s)
  make test > "$logs/run$i.log" 2>&1
  rc=$?
  echo "run $i rc=$rc $(( $(date +%s) - start ))s load=$(cut -d' ' -f1-3 /proc/loadavg)" \
       "$(grep -E '[0-9]+ passed' "$logs/run$i.log" | tail -1)" | tee -a "$logs/summary.txt"
done
