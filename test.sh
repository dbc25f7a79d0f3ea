#!/usr/bin/env bash
# Runs every test of the repository on a fresh machine: installs what the tests need when it is
# missing (Debian packages), starts PostgreSQL for the end-to-end tests, then runs the whole
# solution's tests in Release.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
command -v dotnet >/dev/null || { echo "test.sh: the .NET 10 SDK is required (dotnet not on PATH)" >&2; exit 1; }
sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"

# Debian packages the tests need: fonts for the plots; Chromium (and fonts for its pages) for the
# dashboard's browser test; PostgreSQL for the end-to-end cluster tests (not needed when the caller
# already points SCYFI_TEST_POSTGRES at a server).
need=()
[ -d /usr/share/fonts/truetype/dejavu ] || need+=(fonts-dejavu-core)
[ -n "${SCYFI_CHROMIUM:-}" ] || [ -x /usr/bin/chromium ] || need+=(chromium)
[ -d /usr/share/fonts/truetype/liberation ] || need+=(fonts-liberation)
if [ -z "${SCYFI_TEST_POSTGRES:-}" ] && ! { command -v pg_ctlcluster >/dev/null && compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null; }; then
  need+=(postgresql)
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "test.sh: installing ${need[*]}" >&2
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
fi

# A local PostgreSQL cluster on 127.0.0.1 and a role scyfi/scyfi that may create databases: each
# PostgreSQL test creates its own database through SCYFI_TEST_POSTGRES and drops it afterwards.
# Idempotent: an existing cluster, setting or role is left as it is when it is already right.
pg_online() { pg_lsclusters -h | awk -v v="$1" '$1 == v && $2 == "main" && $4 == "online" { found = 1 } END { exit !found }'; }
start_postgres() {
  local v port as_pg
  v="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
  if [ "$(id -u)" -eq 0 ]; then as_pg=(runuser -u postgres --); else as_pg=(sudo -u postgres); fi
  # The package creates cluster "main"; a container image may have dropped it.
  pg_lsclusters -h | awk -v v="$v" '$1 == v && $2 == "main" { found = 1 } END { exit !found }' \
    || $sudo_cmd pg_createcluster "$v" main >/dev/null
  # A drop-in (Debian's postgresql.conf reads conf.d) binds it to loopback only.
  local conf="/etc/postgresql/$v/main/conf.d/scyfi-tests.conf" want="listen_addresses = '127.0.0.1'"
  if [ "$(cat "$conf" 2>/dev/null)" != "$want" ]; then
    echo "$want" | $sudo_cmd tee "$conf" >/dev/null
    # listen_addresses only takes effect on a (re)start.
    if pg_online "$v"; then $sudo_cmd pg_ctlcluster "$v" main restart >/dev/null; fi
  fi
  if ! pg_online "$v"; then
    $sudo_cmd pg_ctlcluster "$v" main start >/dev/null 2>&1 || $sudo_cmd service postgresql start >/dev/null 2>&1 \
      || { echo "test.sh: could not start PostgreSQL $v (see /var/log/postgresql/postgresql-$v-main.log)" >&2; exit 1; }
  fi
  port="$(pg_lsclusters -h | awk -v v="$v" '$1 == v && $2 == "main" { print $3 }')"
  for _ in $(seq 1 60); do pg_isready -q -h 127.0.0.1 -p "$port" && break; sleep 0.5; done
  pg_isready -q -h 127.0.0.1 -p "$port" || { echo "test.sh: PostgreSQL $v did not start on 127.0.0.1:$port" >&2; exit 1; }
  (cd / && "${as_pg[@]}" psql -q -X -v ON_ERROR_STOP=1 -p "$port" -d postgres >/dev/null) <<'SQL'
SELECT 'CREATE ROLE scyfi' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'scyfi') \gexec
ALTER ROLE scyfi LOGIN CREATEDB PASSWORD 'scyfi';
SQL
  export SCYFI_TEST_POSTGRES="postgres://scyfi:scyfi@127.0.0.1:$port/postgres"
}
[ -n "${SCYFI_TEST_POSTGRES:-}" ] || start_postgres

dotnet test Scyfi.sln -c Release --nologo "$@"

# End to end with real processes (docs/operations.md): deploy/local-cluster.sh starts a coordinator
# and three workers on a fresh PostgreSQL database, kills one worker with kill -9 mid-sweep, and
# checks that the sweep completes with the results of an embedded run (about 2 minutes on 2 cores).
# Runs only when dotnet test passed (set -e); SCYFI_SKIP_LOCAL_CLUSTER=1 skips it.
if [ "${SCYFI_SKIP_LOCAL_CLUSTER:-0}" != 1 ]; then
  missing=()
  command -v jq >/dev/null || missing+=(jq)
  command -v curl >/dev/null || missing+=(curl)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "test.sh: installing ${missing[*]}" >&2
    $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  "$root/deploy/local-cluster.sh" --kill-worker
fi
