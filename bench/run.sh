#!/usr/bin/env bash
# Runs the Scyfi benchmark suite (BenchmarkDotNet, Release) and writes markdown results to
# bench/results/:
#   sanity.md              naive baseline vs Scyfi: same candidate outcomes, same objects (not timed)
#   *-report-github.md     BenchmarkDotNet tables (candidate evaluation, k53 and 10-D finds)
#   environment.txt        machine, .NET version, load average before and after
# Usage: bench/run.sh [FILTER]   e.g. bench/run.sh '*K53*'   (default: everything, about 8 minutes
# on 2 cores). Set BENCH_WAIT_QUIET=1 to wait (up to 10 min) for a 1-minute load average below 0.5
# before starting, since other processes on a 2-core machine distort the thread-scaling numbers.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
proj="$here/Scyfi.Bench/Scyfi.Bench.csproj"
dll="$here/Scyfi.Bench/bin/Release/net10.0/Scyfi.Bench.dll"
artifacts="$here/Scyfi.Bench/BenchmarkDotNet.Artifacts"
out="$here/results"
filter="${1:-*}"

dotnet build "$proj" -c Release --nologo -v quiet
mkdir -p "$out"

if [[ "${BENCH_WAIT_QUIET:-0}" == 1 ]]; then
  for _ in $(seq 60); do
    awk '{exit !($1 < 0.5)}' /proc/loadavg && break
    echo "bench: waiting for a quiet machine (load $(cut -d' ' -f1 /proc/loadavg))…" >&2
    sleep 10
  done
fi

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p')"
  echo "dotnet: $(dotnet --version)"
  echo "commit: $(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$here" diff --quiet HEAD -- ../src 2>/dev/null || echo ' (src/ has uncommitted changes)')"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$out/environment.txt"

# Correctness first: the naive baseline must find the same objects as Scyfi (exit 1 otherwise).
dotnet "$dll" sanity | tee "$out/sanity.md"

rm -rf "$artifacts"
dotnet "$dll" --filter "$filter" --artifacts "$artifacts"
cp "$artifacts"/results/*-report-github.md "$out"/
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/environment.txt"
echo "bench: results in $out" >&2
