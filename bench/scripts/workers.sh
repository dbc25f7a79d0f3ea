#!/usr/bin/env bash
# Throughput of a real multi-process cluster with one worker process against two, on this machine:
# a coordinator process (role coordinator only), 1 or 2 worker processes (`scyfi node --threads 1`,
# one tile at a time each) and a PostgreSQL store, the same sweep submitted with `scyfi sweep
# --cluster`. The two configurations alternate (1, 2, 1, 2) and the best run of each is reported.
# Two figures per run: the whole sweep (client start to exit: joining, every process's JIT
# warm-up, final analysis), and the steady throughput of the grid phase, from the store's
# points_done polled every second, between 30 % and 90 % of the points. The ceiling is measured
# in the same run: the in-process engine (Scyfi.SweepBench engine, 1 thread) alone, and two of
# them at once.
#
#   SCYFI_BENCH_POSTGRES=postgres://scyfi:scyfi@127.0.0.1:5432/postgres bench/scripts/workers.sh
#
# (./test.sh sets up exactly such a server and role.) Output: bench/results/cluster-workers.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
admin="${SCYFI_BENCH_POSTGRES:-${SCYFI_TEST_POSTGRES:-}}"
[ -n "$admin" ] || { echo "workers.sh: set SCYFI_BENCH_POSTGRES to an admin URL like postgres://scyfi:scyfi@127.0.0.1:5432/postgres" >&2; exit 2; }
./scyfi --version >/dev/null
dll="$root/src/Coordinator/bin/Release/net10.0/scyfi.dll"
dotnet build -c Release bench/Scyfi.SweepBench -v q -nologo >/dev/null
bench="$root/bench/Scyfi.SweepBench/bin/Release/net10.0/Scyfi.SweepBench.dll"
work="$(mktemp -d -t scyfi-workers-XXXXXX)"
pids=()
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
python3 - "$work/spec.json" <<'PY'
import json, sys
json.dump({"model": {"type": "plrnn", "A": [[0, 0.8], [-0.4, 0.2]], "W": [[0, 0], [0.9, 0]], "h": [0.214, 0]},
           "maxOrder": 4,
           "axes": [{"name": "a_l", "from": -1.0, "to": 1.8, "points": 321},
                    {"name": "a_r", "from": -2.0, "to": 0.8, "points": 321}],
           "set": {"A[0,0]": {"a_l": 1.0}, "W[0,0]": {"a_l": -1.0, "a_r": 1.0}},
           "tile": 16, "finder": {"outer": 10, "inner": 50, "seed": 1}}, open(sys.argv[1], "w"))
PY
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
psql_on() {  # psql_on DB SQL: runs SQL in database DB of the admin server (DB "" = the admin URL's), prints rows
  python3 - "$admin" "$1" "$2" <<'PY'
import subprocess, sys, urllib.parse as u
a = u.urlparse(sys.argv[1])
db = sys.argv[2] or a.path.lstrip("/") or "postgres"
r = subprocess.run(["psql", "-qtAX", "-v", "ON_ERROR_STOP=1", "-h", a.hostname, "-p", str(a.port or 5432), "-U", a.username, "-d", db, "-c", sys.argv[3]],
                   check=True, env={"PGPASSWORD": u.unquote(a.password or ""), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True)
print(r.stdout.strip())
PY
}
psql_admin() { psql_on "" "$1" >/dev/null; }
store_of() { python3 -c 'import sys, urllib.parse as u; a=u.urlparse(sys.argv[1]); print(a._replace(path="/"+sys.argv[2]).geturl())' "$admin" "$1"; }

engine_seconds() {  # the engine's seconds from Scyfi.SweepBench engine output
  sed -n 's/.*thread(s), \([0-9.]*\) s .*/\1/p'
}
ceiling() {  # prints "one two": seconds of one engine run alone, and the slower of two at once
  local one a b p
  one=$(dotnet "$bench" engine "$work/spec.json" 1 2>/dev/null | engine_seconds)
  dotnet "$bench" engine "$work/spec.json" 1 > "$work/e1" 2>/dev/null & p=$!
  dotnet "$bench" engine "$work/spec.json" 1 > "$work/e2" 2>/dev/null
  wait $p
  a=$(engine_seconds < "$work/e1"); b=$(engine_seconds < "$work/e2")
  echo "$one $(python3 -c "print(max($a, $b))")"
}

run() {  # run WORKERS -> prints "seconds steady_points_per_s"
  local n=$1 db="scyfi_bench_w$RANDOM$RANDOM" port store
  psql_admin "CREATE DATABASE $db"
  store="$(store_of "$db")"; port="$(free_port)"
  pids=()
  dotnet "$dll" coordinator --store "$store" --port "$port" > "$work/coordinator.log" 2>&1 & pids+=($!)
  for _ in $(seq 1 120); do grep -q "up at" "$work/coordinator.log" && break; sleep 0.5; done
  for i in $(seq 1 "$n"); do
    dotnet "$dll" node --store "$store" --seed "akka.tcp://scyfi@127.0.0.1:$port" --threads 1 > "$work/worker$i.log" 2>&1 & pids+=($!)
  done
  for i in $(seq 1 "$n"); do for _ in $(seq 1 120); do grep -q "up at" "$work/worker$i.log" && break; sleep 0.5; done; done
  local start end poll
  ( while sleep 1; do echo "$(date +%s.%N) $(psql_on "$db" 'SELECT points_done, points_total FROM scyfi_sweeps')"; done ) > "$work/progress$n" 2>/dev/null & poll=$!
  start=$(date +%s.%N)
  dotnet "$dll" sweep "$work/spec.json" --cluster "akka.tcp://scyfi@127.0.0.1:$port" --store "$store" --threads 1 --refine none --out "$work/out$n" > "$work/client.log" 2>&1
  end=$(date +%s.%N)
  kill "$poll" 2>/dev/null || true; wait "$poll" 2>/dev/null || true
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait "${pids[@]}" 2>/dev/null || true; pids=()
  psql_admin "DROP DATABASE IF EXISTS $db WITH (FORCE)"
  python3 - "$work/progress$n" "$start" "$end" <<'PY'
import sys
rows = []
for line in open(sys.argv[1]):
    p = line.split()
    if len(p) == 2 and "|" in p[1]:
        done, total = map(int, p[1].split("|"))
        rows.append((float(p[0]), done, total))
a = next(r for r in rows if r[1] >= 0.3 * r[2]); b = next(r for r in rows if r[1] >= 0.9 * r[2])
print(round(float(sys.argv[3]) - float(sys.argv[2]), 2), round((b[1] - a[1]) / (b[0] - a[0])))
PY
}
declare -A best=() steady=()
for round in 1 2; do
  for n in 1 2; do
    read -r s r < <(run "$n"); echo "  round $round, $n worker(s): $s s, steady $r points/s" >&2
    if [ -z "${best[$n]:-}" ] || python3 -c "import sys; sys.exit(0 if $s < ${best[$n]} else 1)"; then best[$n]=$s; fi
    if [ -z "${steady[$n]:-}" ] || [ "$r" -gt "${steady[$n]}" ]; then steady[$n]=$r; fi
  done
done
read -r e1 e2 < <(ceiling); echo "  engine alone $e1 s, two at once $e2 s" >&2
cmp -s "$work/out1/points.csv" "$work/out2/points.csv" && same=yes || same=NO
points=$(($(wc -l < "$work/out1/points.csv") - 1))
mkdir -p bench/results
{
  echo "Coordinator process + worker processes (\`scyfi node --threads 1\`) on loopback, PostgreSQL store; one-switch 321×321 grid, orders 1..4, tiles of 16×16 (441 tiles); best of 2 alternating runs, $(nproc) cores. *Whole sweep*: from \`scyfi sweep --cluster\` start to exit (the client joining, JIT warm-up of every process, final analysis). *Steady*: points/s of the grid phase between 30 % and 90 % of the points (store polled every second)."
  echo
  echo "| worker processes | whole sweep, s | points/s | speed-up | steady points/s | steady speed-up |"
  echo "|---:|---:|---:|---:|---:|---:|"
  echo "| 1 | ${best[1]} | $(python3 -c "print(round($points/${best[1]}))") | 1.00 | ${steady[1]} | 1.00 |"
  echo "| 2 | ${best[2]} | $(python3 -c "print(round($points/${best[2]}))") | $(python3 -c "print(f'{${best[1]}/${best[2]}:.2f}')") | ${steady[2]} | $(python3 -c "print(f'{${steady[2]}/${steady[1]}:.2f}')") |"
  echo
  echo "Ceiling on this machine, same run: the in-process engine (1 thread) takes $e1 s alone; two of them at once take $e2 s, a throughput ratio of $(python3 -c "print(f'{2*$e1/$e2:.2f}')")."
  echo
  echo "points.csv identical for 1 and 2 workers: $same."
} > bench/results/cluster-workers.md
cat bench/results/cluster-workers.md
