#!/usr/bin/env bash
# A 100 000-point sweep (one-switch system, 317×317 grid, orders 1..4, tiles of 16×16) on the
# embedded one-process cluster with its SQLite store, as a user runs it (`scyfi sweep`).
# Reports wall time, points/s and peak RSS, and samples the RSS every 2 s against the tiles
# finished so far, to show that memory does not grow with the number of finished tiles.
#
#   bench/scripts/scale.sh          # about 3–5 minutes on 2 cores
#
# Output: bench/results/sweep-scale.md (table; the new run on top of the runs before) and
# bench/results/sweep-scale-rss.csv (samples of the last run).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
work="$(mktemp -d -t scyfi-scale-XXXXXX)"
trap 'rm -rf "$work"' EXIT
./scyfi --version >/dev/null 2>&1 || true   # builds the CLI in Release first
python3 - "$work/spec.json" <<'PY'
import json, sys
json.dump({"model": {"type": "plrnn", "A": [[0, 0.8], [-0.4, 0.2]], "W": [[0, 0], [0.9, 0]], "h": [0.214, 0]},
           "maxOrder": 4,
           "axes": [{"name": "a_l", "from": -1.0, "to": 1.8, "points": 317},
                    {"name": "a_r", "from": -2.0, "to": 0.8, "points": 317}],
           "set": {"A[0,0]": {"a_l": 1.0}, "W[0,0]": {"a_l": -1.0, "a_r": 1.0}},
           "tile": 16, "finder": {"outer": 10, "inner": 50, "seed": 1}}, open(sys.argv[1], "w"))
PY
dll="src/Coordinator/bin/launcher/scyfi.dll"   # what ./scyfi built and runs
start=$(date +%s.%N)
/usr/bin/time -v -o "$work/time.txt" dotnet "$dll" sweep "$work/spec.json" --out "$work/out" --store "$work/scale.db" --refine none \
  > "$work/stdout.txt" 2> "$work/stderr.txt" &
pid=$!
echo "seconds,rss_mb,tiles_done" > "$work/rss.csv"
while kill -0 "$pid" 2>/dev/null; do
  child=$(pgrep -P "$pid" -f scyfi.dll | head -1 || true)
  if [ -n "$child" ] && [ -r "/proc/$child/status" ]; then
    rss=$(awk '/VmRSS/ { print $2 }' "/proc/$child/status" 2>/dev/null || echo 0)
    done_tiles=$(python3 - "$work/scale.db" <<'PY' 2>/dev/null || echo ""
import sqlite3, sys
c = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True, timeout=1)
print(c.execute("SELECT MAX(tiles_done) FROM scyfi_sweeps").fetchone()[0] or 0)
PY
)
    now=$(date +%s.%N)
    [ -n "$rss" ] && echo "$(python3 -c "print(round($now-$start,1))"),$((rss / 1024)),${done_tiles}" >> "$work/rss.csv"
  fi
  sleep 2
done
wait "$pid"
end=$(date +%s.%N)
seconds=$(python3 -c "print(round($end-$start,1))")
peak_kb=$(awk -F: '/Maximum resident/ { gsub(/ /, "", $2); print $2 }' "$work/time.txt")
points=$(($(wc -l < "$work/out/points.csv") - 1))
mkdir -p bench/results
cp "$work/rss.csv" bench/results/sweep-scale-rss.csv
python3 - "$work/rss.csv" "$seconds" "$peak_kb" "$points" > "$work/report.md" <<'PY'
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1])) if r["tiles_done"]]
seconds, peak_kb, points = float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
print("| sweep | points | seconds (incl. start-up and exports) | points/s | peak RSS |")
print("|---|---:|---:|---:|---:|")
print(f"| one-switch 317×317, orders 1..4, tiles of 16×16, embedded cluster + SQLite | {points:,} | {seconds:.0f} | {points/seconds:.0f} | {peak_kb/1024:.0f} MB |")
print()
if rows:
    n = len(rows)
    q = lambda f: rows[min(n - 1, int(f * (n - 1)))]
    print("RSS against finished tiles (sampled every 2 s):")
    print()
    print("| at | tiles finished | RSS |")
    print("|---|---:|---:|")
    for label, f in (("first sample", 0.0), ("25 %", 0.25), ("50 %", 0.5), ("75 %", 0.75), ("last sample", 1.0)):
        r = q(f)
        print(f"| {label} ({float(r['seconds']):.0f} s) | {r['tiles_done']} | {r['rss_mb']} MB |")
PY
bench/scripts/add-run.sh bench/results/sweep-scale.md "$work/report.md"
