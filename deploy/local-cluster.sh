#!/usr/bin/env bash
# A Scyfi cluster on this machine, end to end: PostgreSQL (Debian's package, or the server named by
# SCYFI_POSTGRES / SCYFI_TEST_POSTGRES), a fresh database, one coordinator with the dashboard and N
# worker processes on loopback, one example sweep submitted with `scyfi sweep --cluster`, optionally
# kill -9 of a worker mid-sweep; checks that the sweep completed and stops everything.
#
#   deploy/local-cluster.sh [--workers N] [--kill-worker [--no-reference]] [--spec FILE]
#                           [--dashboard URL] [--keep] [--timeout S]
#
#   --workers N     worker processes (default 3)
#   --kill-worker   kill -9 the oldest worker (it hosts the tile shard coordinator) once a tenth
#                   of the tiles are done; the sweep must still complete, and its points.csv and
#                   bifurcations.json must equal those of an embedded (one-process) run of the spec
#   --no-reference  with --kill-worker: skip the embedded reference run
#   --spec FILE     sweep spec to run (default: deploy/cluster-sweep.json, the one-switch system of
#                   examples/ on a 101×101 grid in 8×8-point tiles, about 35 s of computing on 2 cores)
#   --dashboard URL where the coordinator serves the dashboard (default http://127.0.0.1:0, a free port)
#   --keep          after the checks, leave the cluster running until Ctrl-C, and keep the database
#   --timeout S     longest wait for the sweep (default 300)
#
# Every process logs into the run folder it prints (SCYFI_RUN_DIR to choose it). Exit code 0 when
# every check passed; otherwise 1 and a last line "local-cluster: FAILED: reason".
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
workers=3 kill_worker=0 reference=1 spec="" dashboard="http://127.0.0.1:0" keep=0 sweep_timeout=300

usage() { sed -n '2,24s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --workers) workers="${2:?--workers needs a number}"; shift 2 ;;
    --kill-worker) kill_worker=1; shift ;;
    --no-reference) reference=0; shift ;;
    --spec) spec="${2:?--spec needs a file}"; shift 2 ;;
    --dashboard) dashboard="${2:?--dashboard needs a URL}"; shift 2 ;;
    --keep) keep=1; shift ;;
    --timeout) sweep_timeout="${2:?--timeout needs seconds}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "local-cluster: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
done
[[ "$workers" =~ ^[1-9][0-9]?$ ]] || { echo "local-cluster: --workers must be 1..99" >&2; exit 2; }
[[ "$sweep_timeout" =~ ^[1-9][0-9]*$ ]] || { echo "local-cluster: --timeout must be a number of seconds" >&2; exit 2; }
if [ "$kill_worker" -eq 1 ] && [ "$workers" -lt 2 ]; then
  echo "local-cluster: --kill-worker needs at least 2 workers (one must survive)" >&2; exit 2
fi
if [ -n "$spec" ]; then
  [ -f "$spec" ] || { echo "local-cluster: spec '$spec' not found" >&2; exit 2; }
  spec="$(cd "$(dirname "$spec")" && pwd)/$(basename "$spec")"
fi

started=$(date +%s)
run="${SCYFI_RUN_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/scyfi-local-cluster.XXXXXX")}"
mkdir -p "$run"
run="$(cd "$run" && pwd)"

say() { printf 'local-cluster: %s\n' "$*"; }
failure=""
# The reason is also written to a file: fail may run in a subshell ($(…)), whose variables are lost.
fail() { failure="$*"; printf '%s\n' "$*" >"$run/.failure"; exit 1; }
elapsed() { echo $(( $(date +%s) - started )); }

# ---- teardown: always, also on failure and Ctrl-C ----------------------------------------------
coordinator_pid="" sweep_pid="" reference_pid="" worker_pids=() killed_pid="" admin_url="" database="" bin=""
# SIGTERM makes a member leave the cluster gracefully (2-3 s), then SIGKILL after 40 s. Not SIGINT:
# a script started in the background (CI, nohup) passes an ignored SIGINT on to its children.
stop_pids() {
  local pids=() p
  for p in "$@"; do [ -n "$p" ] && kill -0 "$p" 2>/dev/null && pids+=("$p"); done
  [ ${#pids[@]} -gt 0 ] || return 0
  kill -TERM "${pids[@]}" 2>/dev/null || true
  for _ in $(seq 1 80); do
    local alive=0
    for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    [ "$alive" -eq 0 ] && return 0
    sleep 0.5
  done
  say "some processes did not stop within 40 s: kill -9 ${pids[*]}"
  kill -KILL "${pids[@]}" 2>/dev/null || true
}
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  exec 1>&3 2>&4   # a trap runs with the redirections of the interrupted command (e.g. >/dev/null)
  if [ -n "$coordinator_pid$sweep_pid$reference_pid${worker_pids[*]:-}" ]; then
    say "stopping the cluster"
    stop_pids "$sweep_pid" "$reference_pid" "${worker_pids[@]:-}"
    stop_pids "$coordinator_pid"
  fi
  if [ -n "$database" ] && [ "$keep" -eq 0 ]; then
    # DROP … WITH (FORCE) by a non-superuser is refused while an autovacuum worker (the
    # superuser's) is connected to the database; it is gone a moment later.
    local try dropped=0
    for try in 1 2 3 4 5; do
      psql "$admin_url" -qX -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS \"$database\" WITH (FORCE)" >/dev/null 2>&1 \
        && { dropped=1; break; }
      sleep 1
    done
    [ "$dropped" -eq 1 ] || say "could not drop database $database"
  fi
  [ -n "$bin" ] && rm -rf "$bin"
  [ -n "$failure" ] || [ ! -s "$run/.failure" ] || failure="$(cat "$run/.failure")"
  rm -f "$run/.failure"
  if [ -n "$failure" ]; then
    echo "local-cluster: FAILED: $failure (logs in $run)" >&2
    [ "$rc" -eq 0 ] && rc=1
  elif [ "$rc" -ne 0 ]; then
    echo "local-cluster: FAILED: stopped (exit code $rc; logs in $run)" >&2
  fi
  exit "$rc"
}
exec 3>&1 4>&2
trap cleanup EXIT
trap 'failure="interrupted"; exit 130' INT TERM

for tool in dotnet curl jq psql pg_isready; do
  command -v "$tool" >/dev/null || fail "$tool is needed (apt-get install -y curl jq postgresql-client; .NET 10 SDK for dotnet)"
done

# Starts a scyfi process in the background with its own process group (so that a Ctrl-C in the
# terminal reaches only this script, which then stops the members gracefully), logging to $run/NAME.log.
start_scyfi() {   # NAME ARGS…; sets $last_pid
  local name="$1"; shift
  set -m
  dotnet "$bin/scyfi.dll" "$@" >"$run/$name.log" 2>&1 </dev/null &
  last_pid=$!
  set +m
  echo "scyfi $*" >"$run/$name.cmd"
}
last_line() { tail -n 1 "$1" 2>/dev/null | cut -c1-200; }
# Fails the run when a started process is gone, saying how it ended ("exit code N" or "killed by
# SIGNAME"). Called directly, never in a $(…) subshell, which cannot wait for this shell's children.
require_alive() {   # PID WHAT LOG
  kill -0 "$1" 2>/dev/null && return 0
  local rc=0 how
  wait "$1" 2>/dev/null || rc=$?
  if [ "$rc" -gt 128 ] && [ "$rc" -lt 160 ]; then how="killed by SIG$(kill -l $(( rc - 128 )))"; else how="exit code $rc"; fi
  fail "$2 ($how, $(since)): $(last_line "$3")"
}
# Waits for a started scyfi process; unless it exited with 0, fails with the first error line of its log.
expect_success() {  # PID WHAT LOG
  local rc=0
  wait "$1" || rc=$?
  [ "$rc" -eq 0 ] || fail "$2 exited with code $rc: $(grep -m1 '^scyfi:' "$3" || last_line "$3")"
}
# Waits until FILE has a line matching REGEX; fails after TIMEOUT s or when PID ends. Prints the line.
wait_for_line() {   # FILE REGEX TIMEOUT PID WHAT
  local file="$1" regex="$2" timeout="$3" pid="$4" what="$5" line
  local deadline=$(( $(date +%s) + timeout ))
  while :; do
    if line=$(grep -E -m1 "$regex" "$file" 2>/dev/null); then printf '%s\n' "$line"; return 0; fi
    kill -0 "$pid" 2>/dev/null || fail "$what exited before it was up: $(last_line "$file")"
    [ "$(date +%s)" -lt "$deadline" ] || fail "$what was not up within $timeout s: $(last_line "$file")"
    sleep 0.2
  done
}
http_status() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$1" 2>/dev/null || true; }

# ---- the build -----------------------------------------------------------------------------------
# The launcher publishes src/Coordinator (Release, precompiled) when a source changed. The members then run a copy
# of the output, so a rebuild in the working tree during the run cannot change code under them.
build_started=$(date +%s)
"$root/scyfi" --help >/dev/null 2>"$run/build.log" || fail "the build failed: $(last_line "$run/build.log")"
# Said apart from the sweep's times: a fresh clone's first build takes about 100 s, which once read
# as a sweep that stalled for 100 s.
[ -s "$run/build.log" ] && say "built in $(( $(date +%s) - build_started )) s"
out="$root/src/Coordinator/bin/launcher"
bin="$run/bin"
mkdir -p "$bin"
cp -r "$out/." "$bin/"

# ---- PostgreSQL and a fresh database -------------------------------------------------------------
# As test.sh does: Debian's cluster "main" on 127.0.0.1 with a role scyfi/scyfi that may create databases.
start_postgres() {
  local v port as_pg sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  command -v pg_lsclusters >/dev/null && compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null \
    || fail "PostgreSQL is not installed (apt-get install -y postgresql), and neither SCYFI_POSTGRES nor SCYFI_TEST_POSTGRES is set"
  v="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
  if [ "$(id -u)" -eq 0 ]; then as_pg=(runuser -u postgres --); else as_pg=(sudo -u postgres); fi
  pg_lsclusters -h | awk -v v="$v" '$1 == v && $2 == "main" { found = 1 } END { exit !found }' \
    || $sudo_cmd pg_createcluster "$v" main >/dev/null
  local conf="/etc/postgresql/$v/main/conf.d/scyfi-tests.conf" want="listen_addresses = '127.0.0.1'"
  online() { pg_lsclusters -h | awk -v v="$v" '$1 == v && $2 == "main" && $4 == "online" { found = 1 } END { exit !found }'; }
  if [ "$(cat "$conf" 2>/dev/null)" != "$want" ]; then
    echo "$want" | $sudo_cmd tee "$conf" >/dev/null
    if online; then $sudo_cmd pg_ctlcluster "$v" main restart >/dev/null; fi
  fi
  if ! online; then
    $sudo_cmd pg_ctlcluster "$v" main start >/dev/null 2>&1 || $sudo_cmd service postgresql start >/dev/null 2>&1 \
      || fail "could not start PostgreSQL $v (see /var/log/postgresql/postgresql-$v-main.log)"
  fi
  port="$(pg_lsclusters -h | awk -v v="$v" '$1 == v && $2 == "main" { print $3 }')"
  for _ in $(seq 1 60); do pg_isready -q -h 127.0.0.1 -p "$port" && break; sleep 0.5; done
  pg_isready -q -h 127.0.0.1 -p "$port" || fail "PostgreSQL $v did not start on 127.0.0.1:$port"
  (cd / && "${as_pg[@]}" psql -q -X -v ON_ERROR_STOP=1 -p "$port" -d postgres >/dev/null) <<'SQL' || fail "could not create the PostgreSQL role scyfi"
SELECT 'CREATE ROLE scyfi' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'scyfi') \gexec
ALTER ROLE scyfi LOGIN CREATEDB PASSWORD 'scyfi';
SQL
  admin_url="postgres://scyfi:scyfi@127.0.0.1:$port/postgres"
}
admin_url="${SCYFI_POSTGRES:-${SCYFI_TEST_POSTGRES:-}}"
[ -n "$admin_url" ] || start_postgres
[[ "$admin_url" =~ ^postgres(ql)?://[^/?]+(/[^?]*)?(\?.*)?$ ]] || fail "'$admin_url' is not a URL like postgres://user:password@host:port/postgres"
query=""; [[ "$admin_url" == *\?* ]] && query="?${admin_url#*\?}"
server="$(sed -E 's#^(postgres(ql)?://[^/?]+).*#\1#' <<<"$admin_url")"
database="scyfi_local_$(date +%Y%m%d_%H%M%S)_$$"
psql "$admin_url" -qX -v ON_ERROR_STOP=1 -c "CREATE DATABASE \"$database\"" >"$run/psql.log" 2>&1 \
  || { d="$database"; database=""; fail "could not create database $d through ${server#*@}: $(last_line "$run/psql.log")"; }
store="$server/$database$query"
say "run folder $run (logs: coordinator.log, worker-N.log, sweep.log; results in results/)"
say "store $store"

# ---- the coordinator -----------------------------------------------------------------------------
start_scyfi coordinator coordinator --store "$store" --dashboard "$dashboard"
coordinator_pid=$last_pid
seed="$(wait_for_line "$run/coordinator.log" '^scyfi coordinator up at akka\.tcp://' 90 "$coordinator_pid" coordinator | awk '{print $5}')"
dashboard_url="$(wait_for_line "$run/coordinator.log" '^scyfi dashboard at http' 30 "$coordinator_pid" "the coordinator's dashboard" | awk '{print $4}')"
dashboard_url="${dashboard_url%/}"
deadline=$(( $(date +%s) + 60 ))
until [ "$(http_status "$dashboard_url/healthz/ready")" = 200 ]; do
  kill -0 "$coordinator_pid" 2>/dev/null || fail "the coordinator exited: $(last_line "$run/coordinator.log")"
  [ "$(date +%s)" -lt "$deadline" ] || fail "$dashboard_url/healthz/ready did not answer 200 within 60 s"
  sleep 0.5
done
say "coordinator $seed ready (pid $coordinator_pid), dashboard $dashboard_url"

# ---- the workers ---------------------------------------------------------------------------------
# Worker 1 alone first: the oldest worker hosts the tile shard coordinator (the one --kill-worker kills).
for i in $(seq 1 "$workers"); do
  start_scyfi "worker-$i" node --seed "$seed" --store "$store"
  worker_pids+=("$last_pid")
  [ "$i" -eq 1 ] && wait_for_line "$run/worker-1.log" '^scyfi node up at ' 90 "$last_pid" "worker 1" >/dev/null
done
for i in $(seq 1 "$workers"); do
  wait_for_line "$run/worker-$i.log" '^scyfi node up at ' 90 "${worker_pids[$((i - 1))]}" "worker $i" >/dev/null
done
deadline=$(( $(date +%s) + 60 ))
while :; do
  up="$(curl -s --max-time 5 "$dashboard_url/api/cluster" 2>/dev/null | jq -r '[.members[]? | select(.status == "up" and .reachable)] | length' 2>/dev/null || echo 0)"
  [ "${up:-0}" -ge $(( workers + 1 )) ] && break
  [ "$(date +%s)" -lt "$deadline" ] || fail "the dashboard shows ${up:-0} members up, not $(( workers + 1 )), after 60 s"
  sleep 0.5
done
say "$workers workers up (pids ${worker_pids[*]}); cluster of $up members"

# ---- the sweep -----------------------------------------------------------------------------------
# deploy/cluster-sweep.json: examples/oneswitch-sweep.json with the model inline, on a 101×101 grid
# in tiles of 8×8 points (169 tiles, about 35 s of computing on 2 cores).
[ -n "$spec" ] || spec="$root/deploy/cluster-sweep.json"
sweep_id="local-$(date +%H%M%S)"
results="$run/results"
start_scyfi sweep sweep "$spec" --cluster "$seed" --store "$store" --out "$results" --id "$sweep_id"
sweep_pid=$last_pid
submitted=$(date +%s)
# Seconds since the submission, and the clock time, to match a line with the members' logs.
since() { echo "$(( $(date +%s) - submitted )) s after submission, $(date +%T)"; }
say "sweep $sweep_id submitted ($(basename "$spec")); progress on $dashboard_url"

# kill -9 of worker 1 (the oldest: it hosts the tile shard coordinator) once a tenth of the tiles are done.
maybe_kill() {   # DONE TOTAL
  [ "$kill_worker" -eq 1 ] && [ -z "$killed_pid" ] && [ "$2" -gt 0 ] && [ "$1" -ge $(( ($2 + 9) / 10 )) ] || return 0
  [ "$1" -lt "$2" ] || fail "the sweep finished before a worker could be killed; use a larger --spec"
  killed_pid="${worker_pids[0]}"
  require_alive "$killed_pid" "worker 1 ended before it could be killed" "$run/worker-1.log"
  disown "$killed_pid" 2>/dev/null || true   # no "Killed" job notice from bash
  kill -KILL "$killed_pid"
  say "kill -9 of worker 1 (pid $killed_pid) at $1/$2 tiles ($(since))"
}
status_json() { dotnet "$bin/scyfi.dll" status "$sweep_id" --json --store "$store" 2>/dev/null | jq -c '.sweeps[0] // empty' 2>/dev/null; }
deadline=$(( $(date +%s) + sweep_timeout ))
last_done=-1 status=""
while kill -0 "$sweep_pid" 2>/dev/null; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "sweep $sweep_id did not finish within $sweep_timeout s (last status: ${status:-none})"
  require_alive "$coordinator_pid" "the coordinator died" "$run/coordinator.log"
  for i in $(seq 1 "$workers"); do
    p="${worker_pids[$((i - 1))]}"
    [ "$p" = "$killed_pid" ] || require_alive "$p" "worker $i died" "$run/worker-$i.log"
  done
  # A tile result larger than Akka.Remote's frame (32 MiB in Scyfi's configuration) is dropped on the wire, and the
  # sweep would wait for it forever: say so at once.
  if grep -q -m1 OversizedPayloadException "$run"/worker-*.log 2>/dev/null; then
    fail "tile results exceed Akka.Remote's maximum frame size (OversizedPayloadException in the worker logs): use a smaller \"tile\" in the spec (a tile result must fit in 32 MiB)"
  fi
  if s=$(status_json) && [ -n "$s" ]; then
    status="$s"
    done_tiles=$(jq -r .tilesDone <<<"$s") total=$(jq -r .tilesTotal <<<"$s")
    if [ "$done_tiles" != "$last_done" ]; then
      say "$(jq -r '"\(.state): \(.tilesDone)/\(.tilesTotal) tiles, \(.pointsDone)/\(.pointsTotal) points, \(.retries) re-sent"' <<<"$s") ($(since))"
      last_done=$done_tiles
    fi
    maybe_kill "$done_tiles" "$total"
  fi
  if [ "$kill_worker" -eq 1 ] && [ -z "$killed_pid" ]; then
    # Until the kill, read the sweep's row in the store four times a second with psql (not a .NET
    # process start): on a fast machine the sweep must not finish between two status polls. With
    # the dashboard's API asked here instead, two runs of 2026-11-29 killed only at 86 and 104 of
    # 169 tiles (one with nothing left in flight on the worker).
    for _ in $(seq 1 12); do
      v="$(psql "$store" -XAtq -c "SELECT tiles_done || ' ' || tiles_total FROM scyfi_sweeps WHERE id = '$sweep_id'" 2>/dev/null || true)"
      if [[ "$v" =~ ^[0-9]+\ [0-9]+$ ]]; then maybe_kill ${v% *} ${v#* }; fi
      [ -z "$killed_pid" ] || break
      sleep 0.25
    done
  else
    sleep 3
  fi
done
pid=$sweep_pid sweep_pid=""
expect_success "$pid" "scyfi sweep" "$run/sweep.log"

# ---- checks --------------------------------------------------------------------------------------
status="$(status_json)"
[ -n "$status" ] || fail "scyfi status --json does not show sweep $sweep_id"
state=$(jq -r .state <<<"$status") done_tiles=$(jq -r .tilesDone <<<"$status") total=$(jq -r .tilesTotal <<<"$status")
[ "$state" = completed ] || fail "sweep $sweep_id is '$state', not completed"
[ "$done_tiles" -eq "$total" ] || fail "sweep $sweep_id recorded $done_tiles of $total tiles"
[ -s "$results/points.csv" ] || fail "no $results/points.csv"
[ -s "$results/bifurcations.json" ] || fail "no $results/bifurcations.json"
points_total=$(jq -r .pointsTotal <<<"$status")
rows=$(( $(wc -l <"$results/points.csv") - 1 ))
[ "$rows" -ge "$points_total" ] || fail "points.csv has $rows rows, the grid $points_total points"
if [ "$kill_worker" -eq 1 ]; then
  [ -n "$killed_pid" ] || fail "no worker was killed"
  ! kill -0 "$killed_pid" 2>/dev/null || fail "the killed worker (pid $killed_pid) is still running"
fi
api_state="$(curl -s --max-time 5 "$dashboard_url/api/sweeps/$sweep_id" | jq -r '.state // .sweep.state // empty' 2>/dev/null || true)"
[ -z "$api_state" ] || [ "$api_state" = completed ] || fail "the dashboard shows sweep $sweep_id as '$api_state'"
# Read the whole page first: `curl | grep -q` under pipefail fails whenever grep finds the line
# and exits before curl has written the rest (curl dies of SIGPIPE), a race that grew with the page.
metrics="$(curl -s --max-time 5 "$dashboard_url/metrics" || true)"
grep -q '^scyfi_tiles_completed_total{sweep="'"$sweep_id"'"}' <<<"$metrics" \
  || fail "$dashboard_url/metrics has no scyfi_tiles_completed_total for sweep $sweep_id"

if [ "$kill_worker" -eq 1 ] && [ "$reference" -eq 1 ]; then
  # The same spec in one embedded process (SQLite): a crash must not change a single byte of the results.
  say "embedded reference run of the same spec (SQLite, one process) to compare the results"
  start_scyfi reference sweep "$spec" --out "$run/reference" --store "$run/reference.db" --id reference
  reference_pid=$last_pid
  deadline=$(( $(date +%s) + sweep_timeout ))
  while kill -0 "$reference_pid" 2>/dev/null; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "the embedded reference run did not finish within $sweep_timeout s"
    sleep 1
  done
  pid=$reference_pid reference_pid=""
  expect_success "$pid" "the embedded reference run" "$run/reference.log"
  for f in points.csv bifurcations.json; do
    cmp -s "$run/reference/$f" "$results/$f" || fail "$f of the cluster run differs from the embedded run ($run/reference/$f)"
  done
  say "points.csv and bifurcations.json equal those of the embedded run"
fi

say "sweep $sweep_id completed: $done_tiles/$total tiles, $rows points in points.csv, $(jq -r .retries <<<"$status") tile(s) re-sent$([ -n "$killed_pid" ] && echo ", one worker killed mid-sweep")"
say "results: $results (points.csv, bifurcations.json, summary.json, map.png, map.svg)"
say "all checks passed in $(elapsed) s, the build included"

if [ "$keep" -eq 1 ]; then
  say "--keep: the cluster keeps running (dashboard $dashboard_url, seed $seed); Ctrl-C stops it"
  say "the database stays: ./scyfi status --store $store"
  trap 'exit 0' INT TERM
  while kill -0 "$coordinator_pid" 2>/dev/null; do sleep 1; done
fi
