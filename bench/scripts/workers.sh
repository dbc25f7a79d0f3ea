#!/usr/bin/env bash
# Throughput of a real multi-process cluster with one worker process against two, on this machine:
# a coordinator process (role coordinator only), 1 or 2 worker processes (`scyfi node --threads 1`,
# one tile at a time each) and a PostgreSQL store, the same sweep submitted with `scyfi sweep
# --cluster`. The two configurations alternate (1, 2, 1, 2) and the best run of each is reported.
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
work="$(mktemp -d -t scyfi-workers-XXXXXX)"
pids=()
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
python3 - "$work/spec.json" <<'PY'
import json, sys
json.dump({"model": {"type": "plrnn", "A": [[0, 0.8], [-0.4, 0.2]], "W": [[0, 0], [0.9, 0]], "h": [0.214, 0]},
           "maxOrder": 4,
           "axes": [{"name": "a_l", "from": -1.0, "to": 1.8, "points": 161},
                    {"name": "a_r", "from": -2.0, "to": 0.8, "points": 161}],
           "set": {"A[0,0]": {"a_l": 1.0}, "W[0,0]": {"a_l": -1.0, "a_r": 1.0}},
           "tile": 16, "finder": {"outer": 10, "inner": 50, "seed": 1}}, open(sys.argv[1], "w"))
PY
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
psql_admin() { python3 - "$admin" "$1" <<'PY'
import subprocess, sys, urllib.parse as u
a = u.urlparse(sys.argv[1])
subprocess.run(["psql", "-q", "-X", "-v", "ON_ERROR_STOP=1", "-h", a.hostname, "-p", str(a.port or 5432), "-U", a.username, "-d", a.path.lstrip("/") or "postgres", "-c", sys.argv[2]],
               check=True, env={"PGPASSWORD": u.unquote(a.password or ""), "PATH": "/usr/bin:/bin"}, stdout=subprocess.DEVNULL)
PY
}
store_of() { python3 -c 'import sys, urllib.parse as u; a=u.urlparse(sys.argv[1]); print(a._replace(path="/"+sys.argv[2]).geturl())' "$admin" "$1"; }

run() {  # run WORKERS -> prints seconds
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
  local start end
  start=$(date +%s.%N)
  dotnet "$dll" sweep "$work/spec.json" --cluster "akka.tcp://scyfi@127.0.0.1:$port" --store "$store" --threads 1 --refine none --out "$work/out$n" > "$work/client.log" 2>&1
  end=$(date +%s.%N)
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait "${pids[@]}" 2>/dev/null || true; pids=()
  psql_admin "DROP DATABASE IF EXISTS $db WITH (FORCE)"
  python3 -c "print(round($end-$start,2))"
}
declare -A best=()
for round in 1 2; do
  for n in 1 2; do
    s=$(run "$n"); echo "  round $round, $n worker(s): $s s" >&2
    if [ -z "${best[$n]:-}" ] || python3 -c "import sys; sys.exit(0 if $s < ${best[$n]} else 1)"; then best[$n]=$s; fi
  done
done
cmp -s "$work/out1/points.csv" "$work/out2/points.csv" && same=yes || same=NO
points=$(($(wc -l < "$work/out1/points.csv") - 1))
mkdir -p bench/results
{
  echo "Coordinator process + worker processes (\`scyfi node --threads 1\`) on loopback, PostgreSQL store; one-switch 161×161 grid, orders 1..4, tiles of 16×16 (121 tiles); time from \`scyfi sweep --cluster\` start to exit (includes the client joining), best of 2 alternating runs, $(nproc) cores."
  echo
  echo "| worker processes | seconds | points/s | speed-up |"
  echo "|---:|---:|---:|---:|"
  echo "| 1 | ${best[1]} | $(python3 -c "print(round($points/${best[1]}))") | 1.00 |"
  echo "| 2 | ${best[2]} | $(python3 -c "print(round($points/${best[2]}))") | $(python3 -c "print(f'{${best[1]}/${best[2]}:.2f}')") |"
  echo
  echo "points.csv identical for 1 and 2 workers: $same."
} > bench/results/cluster-workers.md
cat bench/results/cluster-workers.md
